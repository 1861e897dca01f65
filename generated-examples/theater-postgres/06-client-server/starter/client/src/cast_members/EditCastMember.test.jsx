// Tests of the page that edits a cast member: it loads the row, and sends only what changed.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { beforeEach, expect, test, vi } from 'vitest'
import { ApiError, getCastMember, listProductions, updateCastMember } from '../api.js'
import EditCastMember from './EditCastMember.jsx'

// The requests this page sends answer as each test says, instead of the server.
vi.mock(import('../api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  getCastMember: vi.fn(),
  updateCastMember: vi.fn(),
  listProductions: vi.fn(),
}))

beforeEach(() => {
  vi.mocked(listProductions).mockResolvedValue([])
})

// The page inside a router that starts at the edit page of cast member 1.
function renderPage() {
  render(
    <MemoryRouter initialEntries={['/cast_members/1/edit']}>
      <Routes>
        <Route path="/cast_members/:id/edit" element={<EditCastMember />} />
        <Route path="/cast_members/:id" element={<h1>The page of cast member 1</h1>} />
      </Routes>
    </MemoryRouter>,
  )
}

test('sends only the field the form changed, then shows the cast member', async () => {
  vi.mocked(getCastMember).mockResolvedValue({
    id: 1,
    name: 'Ada Lovelace',
    role: 'Hamlet',
    production_id: 1,
  })
  vi.mocked(updateCastMember).mockResolvedValue({ id: 1 })
  const user = userEvent.setup()
  renderPage()

  const field = await screen.findByLabelText('Name')
  await user.clear(field)
  await user.type(field, 'Brandy Champlin')
  await user.click(screen.getByRole('button', { name: 'Save cast member' }))

  await screen.findByRole('heading', { name: 'The page of cast member 1' })
  expect(updateCastMember).toHaveBeenCalledWith('1', { name: 'Brandy Champlin' })
})

test('shows the not-found page for a cast member the server does not have', async () => {
  vi.mocked(getCastMember).mockRejectedValue(new ApiError(404, 'cast member 1 not found'))
  renderPage()

  await screen.findByRole('heading', { name: 'Page not found' })
  expect(screen.getByText('cast member 1 not found')).toBeInTheDocument()
})
