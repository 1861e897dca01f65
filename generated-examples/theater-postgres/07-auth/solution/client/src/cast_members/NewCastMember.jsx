// The page at /cast_members/new: the form, sent with POST; then on to the new cast member.
import { useNavigate, useSearchParams } from 'react-router'
import { createCastMember } from '../api.js'
import CastMemberForm from './CastMemberForm.jsx'

function NewCastMember() {
  const navigate = useNavigate()
  // A parent's page links here with ?production_id=1, to choose that production already.
  const [searchParams] = useSearchParams()
  const preset = {
    production_id: searchParams.get('production_id'),
  }

  async function create(body) {
    const created = await createCastMember(body)
    navigate(`/cast_members/${created.id}`)
  }

  return (
    <>
      <h1>New cast member</h1>
      <CastMemberForm castMember={preset} submitLabel="Create cast member" onSubmit={create} />
    </>
  )
}

export default NewCastMember
