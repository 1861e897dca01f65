// Who is signed in, for any component to read with useAuth(): see AuthProvider.jsx.
import { createContext, useContext } from 'react'

// { user, setUser, checked }: the signed-in user or null, a way to change it, and whether the
// server has been asked yet. Outside an AuthProvider (in a test of one page), nobody is.
export const AuthContext = createContext({ user: null, setUser: () => {}, checked: true })

export function useAuth() {
  return useContext(AuthContext)
}
