// The page at /: a link to each kind of thing the app keeps.
import { Link } from 'react-router'

function Home() {
  return (
    <>
      <h1>Flatiron Theater</h1>
      <ul>
        <li>
          <Link to="/productions">Productions</Link>
        </li>
        <li>
          <Link to="/cast_members">Cast members</Link>
        </li>
      </ul>
    </>
  )
}

export default Home
