// The page at /login: a username and a password, sent to the server, which starts a session.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { logIn } from './api.js'
import { useAuth } from './auth.js'
import Field from './Field.jsx'

function LogIn() {
  const { setUser } = useAuth()
  const navigate = useNavigate()
  const [values, setValues] = useState({ username: '', password: '' })
  const [error, setError] = useState(null)
  const [submitting, setSubmitting] = useState(false)

  function handleChange(name, value) {
    setValues((current) => ({ ...current, [name]: value }))
  }

  async function handleSubmit(event) {
    event.preventDefault()
    setSubmitting(true)
    setError(null)
    try {
      setUser(await logIn(values))
      navigate('/')
    } catch (err) {
      // 401 says only that the username and password do not match: which of the two is wrong
      // would tell a stranger which usernames exist. 429: too many tries; wait, then try again.
      setError(err)
      setSubmitting(false)
    }
  }

  return (
    <>
      <h1>Log in</h1>
      <form onSubmit={handleSubmit} noValidate>
        {error && <p role="alert">{error.message}</p>}
        <Field
          label="Username"
          name="username"
          value={values.username}
          onChange={handleChange}
          autoComplete="username"
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={values.password}
          onChange={handleChange}
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={submitting}>
          Log in
        </button>
      </form>
      <p>
        New here? <Link to="/signup">Sign up</Link>
      </p>
    </>
  )
}

export default LogIn
