// The app's frame and its pages: which component shows for which path.
import { Link, Route, Routes, useNavigate } from 'react-router'
import { logOut } from './api.js'
import { useAuth } from './auth.js'
import Home from './Home.jsx'
import LogIn from './LogIn.jsx'
import NotFound from './NotFound.jsx'
import SignUp from './SignUp.jsx'
import ProductionDetail from './productions/ProductionDetail.jsx'
import ProductionList from './productions/ProductionList.jsx'
import EditProduction from './productions/EditProduction.jsx'
import NewProduction from './productions/NewProduction.jsx'
import CastMemberDetail from './cast_members/CastMemberDetail.jsx'
import CastMemberList from './cast_members/CastMemberList.jsx'
import EditCastMember from './cast_members/EditCastMember.jsx'
import NewCastMember from './cast_members/NewCastMember.jsx'

function App() {
  const { user, setUser, checked } = useAuth()
  const navigate = useNavigate()

  async function handleLogOut() {
    // Whatever the server answers (its session may be gone already), nobody is signed in here.
    await logOut().catch(() => {})
    setUser(null)
    navigate('/')
  }

  return (
    <>
      <header>
        <Link to="/">Flatiron Theater</Link>
        {/* Nothing until the server has said who is signed in: no "Log in" that flashes
            away a moment later. */}
        {!checked ? null : user ? (
          <p>
            Signed in as {user.username}{' '}
            <button type="button" onClick={handleLogOut}>
              Log out
            </button>
          </p>
        ) : (
          <p>
            <Link to="/login">Log in</Link> <Link to="/signup">Sign up</Link>
          </p>
        )}
      </header>
      <main>
        {/* The address picks one route. These paths are the client's own pages: the data
            comes from the server's /api/productions and the like. */}
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/login" element={<LogIn />} />
          <Route path="/signup" element={<SignUp />} />
          <Route path="/productions" element={<ProductionList />} />
          <Route path="/productions/new" element={<NewProduction />} />
          <Route path="/productions/:id" element={<ProductionDetail />} />
          <Route path="/productions/:id/edit" element={<EditProduction />} />
          <Route path="/cast_members" element={<CastMemberList />} />
          <Route path="/cast_members/new" element={<NewCastMember />} />
          <Route path="/cast_members/:id" element={<CastMemberDetail />} />
          <Route path="/cast_members/:id/edit" element={<EditCastMember />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </>
  )
}

export default App
