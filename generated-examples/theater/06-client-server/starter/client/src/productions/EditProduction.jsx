// The page at /productions/:id/edit: the form filled with the production, sent with PATCH.
import { useNavigate, useParams } from 'react-router'
import { getProduction, updateProduction } from '../api.js'
import NotFound from '../NotFound.jsx'
import { useApi } from '../useApi.js'
import ProductionForm from './ProductionForm.jsx'

function EditProduction() {
  const { id } = useParams()
  const navigate = useNavigate()
  const { data: production, error, loading } = useApi(getProduction, id)

  async function save(body) {
    await updateProduction(id, body)
    navigate(`/productions/${id}`)
  }

  if (loading) return <p role="status">Loading production…</p>
  if (error?.status === 404) return <NotFound message={error.message} />
  if (error) return <p role="alert">{error.message}</p>

  return (
    <>
      <h1>Edit {production.title}</h1>
      <ProductionForm production={production} submitLabel="Save production" onSubmit={save} />
    </>
  )
}

export default EditProduction
