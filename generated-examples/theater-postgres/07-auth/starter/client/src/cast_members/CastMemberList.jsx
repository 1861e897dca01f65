// The page at /cast_members: a link to every cast member.
import { Link } from 'react-router'
import { may } from '../access.js'
import { listCastMembers } from '../api.js'
import { useAuth } from '../auth.js'
import { useApi } from '../useApi.js'

function CastMemberList() {
  const { data: castMembers, error, loading } = useApi(listCastMembers)
  const { user } = useAuth()

  return (
    <>
      <h1>Cast members</h1>
      {may.castMember.create(user) && (
        <p>
          <Link to="/cast_members/new">New cast member</Link>
        </p>
      )}
      {loading && <p role="status">Loading cast members…</p>}
      {error && <p role="alert">{error.message}</p>}
      {castMembers?.length === 0 && <p>No cast members yet.</p>}
      {castMembers?.length > 0 && (
        <ul>
          {castMembers.map((castMember) => (
            <li key={castMember.id}>
              <Link to={`/cast_members/${castMember.id}`}>{castMember.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export default CastMemberList
