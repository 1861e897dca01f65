// The page at /cast_members/:id/edit: the form filled with the cast member, sent with PATCH.
import { useNavigate, useParams } from 'react-router'
import { getCastMember, updateCastMember } from '../api.js'
import { changes } from '../changes.js'
import NotFound from '../NotFound.jsx'
import { useApi } from '../useApi.js'
import CastMemberForm from './CastMemberForm.jsx'

function EditCastMember() {
  const { id } = useParams()
  const navigate = useNavigate()
  const { data: castMember, error, loading } = useApi(getCastMember, id)

  // `unchanged` is what the form would send had nothing changed: only the rest goes.
  async function save(body, unchanged) {
    await updateCastMember(id, changes(body, unchanged))
    navigate(`/cast_members/${id}`)
  }

  if (loading) return <p role="status">Loading cast member…</p>
  if (error?.status === 404) return <NotFound message={error.message} />
  if (error?.status === 400) return <NotFound />
  if (error) return <p role="alert">{error.message}</p>

  return (
    <>
      <h1>Edit {castMember.name}</h1>
      <CastMemberForm castMember={castMember} submitLabel="Save cast member" onSubmit={save} />
    </>
  )
}

export default EditCastMember
