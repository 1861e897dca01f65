// The page at /signup: a new user, created by the server, which signs them in at once.
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { signUp } from './api.js'
import { useAuth } from './auth.js'
import Field from './Field.jsx'

// A blank form. The password is never shown again, nor sent anywhere but here.
const BLANK = {
  username: '',
  password: '',
}

function SignUp() {
  const { setUser } = useAuth()
  const navigate = useNavigate()
  const [values, setValues] = useState(BLANK)
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
      setUser(
        await signUp({
          username: values.username,
          password: values.password,
        }),
      )
      navigate('/')
    } catch (err) {
      setError(err)
      setSubmitting(false)
    }
  }

  const errors = error?.errors ?? {}
  const bind = (name) => ({ name, value: values[name], onChange: handleChange, errors: errors[name] })

  return (
    <>
      <h1>Sign up</h1>
      <form onSubmit={handleSubmit} noValidate>
        {error && <p role="alert">{error.message}</p>}
        <Field label="Username" {...bind('username')} autoComplete="username" required />
        <Field label="Password" type="password" {...bind('password')} autoComplete="new-password" required />
        <button type="submit" disabled={submitting}>
          Sign up
        </button>
      </form>
      <p>
        Have an account? <Link to="/login">Log in</Link>
      </p>
    </>
  )
}

export default SignUp
