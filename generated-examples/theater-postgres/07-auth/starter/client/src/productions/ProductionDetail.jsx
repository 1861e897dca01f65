// The page at /productions/:id: every field of one production, its cast members, and the
// buttons to edit or delete it.
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { may } from '../access.js'
import { deleteProduction, getProduction } from '../api.js'
import { useAuth } from '../auth.js'
import NotFound from '../NotFound.jsx'
import { useApi } from '../useApi.js'

function ProductionDetail() {
  const { id } = useParams() // the :id of the path, as text
  const navigate = useNavigate()
  const { data: production, error, loading } = useApi(getProduction, id)
  const [deleteError, setDeleteError] = useState(null)
  const [deleting, setDeleting] = useState(false)
  const { user } = useAuth()

  async function handleDelete() {
    if (!window.confirm(`Delete ${production.title}? Its cast members go with it.`)) return
    setDeleting(true)
    try {
      await deleteProduction(id)
      navigate('/productions')
    } catch (err) {
      setDeleteError(err)
      setDeleting(false)
    }
  }

  if (loading) return <p role="status">Loading production…</p>
  // 404: no such row; 400: an id that is not a number, which no row has either.
  if (error?.status === 404) return <NotFound message={error.message} />
  if (error?.status === 400) return <NotFound />
  if (error) return <p role="alert">{error.message}</p>
  return (
    <>
      <h1>{production.title}</h1>
      {deleteError && <p role="alert">{deleteError.message}</p>}
      <dl>
        <dt>Title</dt>
        <dd>{production.title ?? '—'}</dd>
        <dt>Genre</dt>
        <dd>{production.genre ?? '—'}</dd>
        <dt>Budget</dt>
        <dd>{production.budget ?? '—'}</dd>
        <dt>Image</dt>
        <dd>{production.image ?? '—'}</dd>
        <dt>Director</dt>
        <dd>{production.director ?? '—'}</dd>
        <dt>Description</dt>
        <dd>{production.description ?? '—'}</dd>
        <dt>Ongoing</dt>
        <dd>{production.ongoing ? 'Yes' : 'No'}</dd>
      </dl>

      <h2>Cast members</h2>
      {production.cast_members.length === 0 && <p>No cast members yet.</p>}
      {production.cast_members.length > 0 && (
        <ul>
          {production.cast_members.map((castMember) => (
            <li key={castMember.id}>
              <Link to={`/cast_members/${castMember.id}`}>{castMember.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {may.castMember.create(user) && (
        <p>
          <Link to={`/cast_members/new?production_id=${production.id}`}>Add a cast member</Link>
        </p>
      )}

      <p>
        {may.production.update(user, production) && (
          <Link to={`/productions/${production.id}/edit`}>Edit production</Link>
        )}{' '}
        {may.production.delete(user, production) && (
          <button type="button" onClick={handleDelete} disabled={deleting}>
            Delete production
          </button>
        )}
      </p>
      <p>
        <Link to="/productions">All productions</Link>
      </p>
    </>
  )
}

export default ProductionDetail
