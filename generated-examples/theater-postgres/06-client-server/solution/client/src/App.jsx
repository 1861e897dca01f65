// The app's frame and its pages: which component shows for which path.
import { Link, Route, Routes } from 'react-router'
import Home from './Home.jsx'
import NotFound from './NotFound.jsx'
import ProductionDetail from './productions/ProductionDetail.jsx'
import ProductionList from './productions/ProductionList.jsx'
import EditProduction from './productions/EditProduction.jsx'
import NewProduction from './productions/NewProduction.jsx'
import CastMemberDetail from './cast_members/CastMemberDetail.jsx'
import CastMemberList from './cast_members/CastMemberList.jsx'
import EditCastMember from './cast_members/EditCastMember.jsx'
import NewCastMember from './cast_members/NewCastMember.jsx'

function App() {
  return (
    <>
      <header>
        <Link to="/">Flatiron Theater</Link>
      </header>
      <main>
        {/* The address picks one route. These paths are the client's own pages: the data
            comes from the server's /api/productions and the like. */}
        <Routes>
          <Route path="/" element={<Home />} />
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
