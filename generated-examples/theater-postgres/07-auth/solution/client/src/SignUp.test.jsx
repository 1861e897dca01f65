// Tests of the sign-up page: what it does with each answer of signUp, whose request
// api.test.js tests.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { expect, test, vi } from 'vitest'
import { ApiError, signUp } from './api.js'
import { AuthContext } from './auth.js'
import SignUp from './SignUp.jsx'

vi.mock(import('./api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  signUp: vi.fn(),
}))

function renderPage(setUser = vi.fn()) {
  const auth = { user: null, setUser, checked: true }
  render(
    <AuthContext value={auth}>
      <MemoryRouter initialEntries={['/signup']}>
        <Routes>
          <Route path="/signup" element={<SignUp />} />
          <Route path="/" element={<h1>Home</h1>} />
        </Routes>
      </MemoryRouter>
    </AuthContext>,
  )
  return setUser
}

test('signs the new user in and goes home once the server created them', async () => {
  vi.mocked(signUp).mockResolvedValue({ id: 9, username: 'margaret' })
  const user = userEvent.setup()
  const setUser = renderPage()

  await user.type(screen.getByLabelText('Username', { exact: false }), 'margaret')
  await user.type(screen.getByLabelText('Password', { exact: false }), 'a-good-password')
  await user.click(screen.getByRole('button', { name: 'Sign up' }))

  await screen.findByRole('heading', { name: 'Home' })
  expect(signUp).toHaveBeenCalledWith(
    expect.objectContaining({ username: 'margaret', password: 'a-good-password' }),
  )
  expect(setUser).toHaveBeenCalledWith({ id: 9, username: 'margaret' })
})

test('shows the messages of a 422 next to their fields', async () => {
  vi.mocked(signUp).mockRejectedValue(
    new ApiError(422, 'some fields are invalid', {
      username: ['is already taken'],
      password: ['must be at least 8 characters'],
    }),
  )
  const user = userEvent.setup()
  const setUser = renderPage()

  await user.click(screen.getByRole('button', { name: 'Sign up' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('some fields are invalid')
  expect(screen.getByLabelText('Username', { exact: false })).toHaveAccessibleDescription(
    'is already taken',
  )
  expect(screen.getByLabelText('Password', { exact: false })).toHaveAccessibleDescription(
    'must be at least 8 characters',
  )
  expect(setUser).not.toHaveBeenCalled()
})
