// Tests of the new cast member page: what it does with each answer of createCastMember, whose
// requests api.test.js tests.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { beforeEach, expect, test, vi } from 'vitest'
import { ApiError, createCastMember, listProductions } from '../api.js'
import NewCastMember from './NewCastMember.jsx'

// The requests this page sends answer as each test says, instead of the server.
vi.mock(import('../api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  createCastMember: vi.fn(),
  listProductions: vi.fn(),
}))

beforeEach(() => {
  vi.mocked(listProductions).mockResolvedValue([])
})

// The page inside a router that starts at /cast_members/new, as the browser would.
function renderPage() {
  render(
    <MemoryRouter initialEntries={['/cast_members/new']}>
      <Routes>
        <Route path="/cast_members/new" element={<NewCastMember />} />
        <Route path="/cast_members/:id" element={<h1>The page of cast member 5</h1>} />
      </Routes>
    </MemoryRouter>,
  )
}

test('goes to the new cast member once the server created it', async () => {
  vi.mocked(createCastMember).mockResolvedValue({ id: 5 })
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Create cast member' }))

  // findByRole waits for the heading, and fails if it never comes.
  await screen.findByRole('heading', { name: 'The page of cast member 5' })
  expect(createCastMember).toHaveBeenCalledOnce()
})

test('stays on the form and shows the messages of a 422 next to their fields', async () => {
  vi.mocked(createCastMember).mockRejectedValue(
    new ApiError(422, 'some fields are invalid', { name: ['is required'] }),
  )
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Create cast member' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('some fields are invalid')
  expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
    'is required',
  )
  expect(screen.getByRole('heading', { name: 'New cast member' })).toBeInTheDocument()
})

test('says so above the form when the server cannot be reached, and lets it be sent again', async () => {
  vi.mocked(createCastMember).mockRejectedValue(
    new ApiError(0, 'Cannot reach the server. Is it running?'),
  )
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Create cast member' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server')
  expect(screen.getByRole('button', { name: 'Create cast member' })).toBeEnabled()
})
