// The page at /productions/new: the form, sent with POST; then on to the new production.
import { useNavigate } from 'react-router'
import { createProduction } from '../api.js'
import ProductionForm from './ProductionForm.jsx'

function NewProduction() {
  const navigate = useNavigate()

  async function create(body) {
    const created = await createProduction(body)
    navigate(`/productions/${created.id}`)
  }

  return (
    <>
      <h1>New production</h1>
      <ProductionForm submitLabel="Create production" onSubmit={create} />
    </>
  )
}

export default NewProduction
