// Tests of the page that edits a production: it loads the row, and sends only what changed.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { expect, test, vi } from 'vitest'
import { ApiError, getProduction, updateProduction } from '../api.js'
import EditProduction from './EditProduction.jsx'

// The requests this page sends answer as each test says, instead of the server.
vi.mock(import('../api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  getProduction: vi.fn(),
  updateProduction: vi.fn(),
}))

// The page inside a router that starts at the edit page of production 1.
function renderPage() {
  render(
    <MemoryRouter initialEntries={['/productions/1/edit']}>
      <Routes>
        <Route path="/productions/:id/edit" element={<EditProduction />} />
        <Route path="/productions/:id" element={<h1>The page of production 1</h1>} />
      </Routes>
    </MemoryRouter>,
  )
}

test('sends only the field the form changed, then shows the production', async () => {
  vi.mocked(getProduction).mockResolvedValue({
    id: 1,
    title: 'Hamlet',
    genre: 'Drama',
    budget: 100000.0,
    image: 'hamlet.jpg',
    director: 'Bill Shakespeare',
    description: 'A prince of Denmark avenges his father, and everyone dies.',
    ongoing: true,
  })
  vi.mocked(updateProduction).mockResolvedValue({ id: 1 })
  const user = userEvent.setup()
  renderPage()

  const field = await screen.findByLabelText('Title')
  await user.clear(field)
  await user.type(field, 'Innovative fresh-thinking model')
  await user.click(screen.getByRole('button', { name: 'Save production' }))

  await screen.findByRole('heading', { name: 'The page of production 1' })
  expect(updateProduction).toHaveBeenCalledWith('1', { title: 'Innovative fresh-thinking model' })
})

test('shows the not-found page for a production the server does not have', async () => {
  vi.mocked(getProduction).mockRejectedValue(new ApiError(404, 'production 1 not found'))
  renderPage()

  await screen.findByRole('heading', { name: 'Page not found' })
  expect(screen.getByText('production 1 not found')).toBeInTheDocument()
})
