// Keeps who is signed in for the whole app: asked of the server once, when the app starts
// (the session cookie outlives a reload), then changed as the user logs in and out.
import { useEffect, useState } from 'react'
import { checkSession, whenSessionEnds } from './api.js'
import { AuthContext } from './auth.js'

function AuthProvider({ children }) {
  const [user, setUser] = useState(null)
  const [checked, setChecked] = useState(false)

  useEffect(() => {
    // A 401 to any request means the session is over: nobody is signed in any more.
    whenSessionEnds(() => setUser(null))
    // 401 means nobody is signed in: not an error to show.
    checkSession()
      .then(setUser, () => setUser(null))
      .finally(() => setChecked(true))
  }, [])

  const auth = { user, setUser, checked }
  return <AuthContext value={auth}>{children}</AuthContext>
}

export default AuthProvider
