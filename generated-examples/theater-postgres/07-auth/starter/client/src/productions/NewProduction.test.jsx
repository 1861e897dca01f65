// Tests of the new production page: what it does with each answer of createProduction, whose
// requests api.test.js tests.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { expect, test, vi } from 'vitest'
import { ApiError, createProduction } from '../api.js'
import NewProduction from './NewProduction.jsx'

// The requests this page sends answer as each test says, instead of the server.
vi.mock(import('../api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  createProduction: vi.fn(),
}))

// The page inside a router that starts at /productions/new, as the browser would.
function renderPage() {
  render(
    <MemoryRouter initialEntries={['/productions/new']}>
      <Routes>
        <Route path="/productions/new" element={<NewProduction />} />
        <Route path="/productions/:id" element={<h1>The page of production 5</h1>} />
      </Routes>
    </MemoryRouter>,
  )
}

test('goes to the new production once the server created it', async () => {
  vi.mocked(createProduction).mockResolvedValue({ id: 5 })
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Create production' }))

  // findByRole waits for the heading, and fails if it never comes.
  await screen.findByRole('heading', { name: 'The page of production 5' })
  expect(createProduction).toHaveBeenCalledOnce()
})

test('stays on the form and shows the messages of a 422 next to their fields', async () => {
  vi.mocked(createProduction).mockRejectedValue(
    new ApiError(422, 'some fields are invalid', { title: ['must be at most 100 characters'] }),
  )
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Create production' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('some fields are invalid')
  expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(
    'must be at most 100 characters',
  )
  expect(screen.getByRole('heading', { name: 'New production' })).toBeInTheDocument()
})

test('says so above the form when the server cannot be reached, and lets it be sent again', async () => {
  vi.mocked(createProduction).mockRejectedValue(
    new ApiError(0, 'Cannot reach the server. Is it running?'),
  )
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Create production' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server')
  expect(screen.getByRole('button', { name: 'Create production' })).toBeEnabled()
})
