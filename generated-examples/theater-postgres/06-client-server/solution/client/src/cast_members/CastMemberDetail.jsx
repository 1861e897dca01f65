// The page at /cast_members/:id: every field of one cast member, its production, and the
// buttons to edit or delete it.
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { deleteCastMember, getCastMember, getProduction } from '../api.js'
import NotFound from '../NotFound.jsx'
import { useApi } from '../useApi.js'

// A cast member carries the id of its production only: one more request each
// fetches it, for its name.
async function loadCastMember(id) {
  const castMember = await getCastMember(id)
  const production = await getProduction(castMember.production_id)
  return { castMember, production }
}

function CastMemberDetail() {
  const { id } = useParams() // the :id of the path, as text
  const navigate = useNavigate()
  const { data, error, loading } = useApi(loadCastMember, id)
  const [deleteError, setDeleteError] = useState(null)
  const [deleting, setDeleting] = useState(false)

  async function handleDelete() {
    const { castMember } = data
    if (!window.confirm(`Delete ${castMember.name}?`)) return
    setDeleting(true)
    try {
      await deleteCastMember(id)
      navigate('/cast_members')
    } catch (err) {
      setDeleteError(err)
      setDeleting(false)
    }
  }

  if (loading) return <p role="status">Loading cast member…</p>
  // 404: no such row; 400: an id that is not a number, which no row has either.
  if (error?.status === 404) return <NotFound message={error.message} />
  if (error?.status === 400) return <NotFound />
  if (error) return <p role="alert">{error.message}</p>

  const { castMember, production } = data
  return (
    <>
      <h1>{castMember.name}</h1>
      {deleteError && <p role="alert">{deleteError.message}</p>}
      <dl>
        <dt>Name</dt>
        <dd>{castMember.name ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{castMember.role ?? '—'}</dd>
        <dt>Production</dt>
        <dd>
          <Link to={`/productions/${production.id}`}>{production.title}</Link>
        </dd>
      </dl>

      <p>
        <Link to={`/cast_members/${castMember.id}/edit`}>Edit cast member</Link>{' '}
        <button type="button" onClick={handleDelete} disabled={deleting}>
          Delete cast member
        </button>
      </p>
      <p>
        <Link to="/cast_members">All cast members</Link>
      </p>
    </>
  )
}

export default CastMemberDetail
