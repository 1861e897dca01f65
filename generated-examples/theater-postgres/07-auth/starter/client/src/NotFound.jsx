// The page for a path no route matches, or for a row the server does not have.
import { Link } from 'react-router'

function NotFound({ message = 'There is no page at this address.' }) {
  return (
    <>
      <h1>Page not found</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </>
  )
}

export default NotFound
