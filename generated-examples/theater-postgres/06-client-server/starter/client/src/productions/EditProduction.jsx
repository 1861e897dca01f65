// The page at /productions/:id/edit: the form filled with the production, sent with PATCH.
import { useNavigate, useParams } from 'react-router'
import { getProduction, updateProduction } from '../api.js'
import { changes } from '../changes.js'
import NotFound from '../NotFound.jsx'
import { useApi } from '../useApi.js'
import ProductionForm from './ProductionForm.jsx'

function EditProduction() {
  const { id } = useParams()
  const navigate = useNavigate()
  const { data: production, error, loading } = useApi(getProduction, id)

  // `unchanged` is what the form would send had nothing changed: only the rest goes.
  async function save(body, unchanged) {
    await updateProduction(id, changes(body, unchanged))
    navigate(`/productions/${id}`)
  }

  if (loading) return <p role="status">Loading production…</p>
  if (error?.status === 404) return <NotFound message={error.message} />
  if (error?.status === 400) return <NotFound />
  if (error) return <p role="alert">{error.message}</p>

  return (
    <>
      <h1>Edit {production.title}</h1>
      <ProductionForm production={production} submitLabel="Save production" onSubmit={save} />
    </>
  )
}

export default EditProduction
