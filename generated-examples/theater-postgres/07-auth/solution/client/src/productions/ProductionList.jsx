// The page at /productions: a link to every production.
import { Link } from 'react-router'
import { may } from '../access.js'
import { listProductions } from '../api.js'
import { useAuth } from '../auth.js'
import { useApi } from '../useApi.js'

function ProductionList() {
  const { data: productions, error, loading } = useApi(listProductions)
  const { user } = useAuth()

  return (
    <>
      <h1>Productions</h1>
      {may.production.create(user) && (
        <p>
          <Link to="/productions/new">New production</Link>
        </p>
      )}
      {loading && <p role="status">Loading productions…</p>}
      {error && <p role="alert">{error.message}</p>}
      {productions?.length === 0 && <p>No productions yet.</p>}
      {productions?.length > 0 && (
        <ul>
          {productions.map((production) => (
            <li key={production.id}>
              <Link to={`/productions/${production.id}`}>{production.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export default ProductionList
