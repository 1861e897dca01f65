// Tests of the log-in page: what it does with each answer of logIn, whose request
// api.test.js tests.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { expect, test, vi } from 'vitest'
import { ApiError, logIn } from './api.js'
import { AuthContext } from './auth.js'
import LogIn from './LogIn.jsx'

vi.mock(import('./api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  logIn: vi.fn(),
}))

// The page at /login, with a stand-in for who is signed in.
function renderPage(setUser = vi.fn()) {
  const auth = { user: null, setUser, checked: true }
  render(
    <AuthContext value={auth}>
      <MemoryRouter initialEntries={['/login']}>
        <Routes>
          <Route path="/login" element={<LogIn />} />
          <Route path="/" element={<h1>Home</h1>} />
        </Routes>
      </MemoryRouter>
    </AuthContext>,
  )
  return setUser
}

test('signs the user in and goes home once the server accepts the password', async () => {
  vi.mocked(logIn).mockResolvedValue({ id: 1, username: 'ada' })
  const user = userEvent.setup()
  const setUser = renderPage()

  await user.type(screen.getByLabelText('Username', { exact: false }), 'ada')
  await user.type(screen.getByLabelText('Password', { exact: false }), 'secret')
  await user.click(screen.getByRole('button', { name: 'Log in' }))

  await screen.findByRole('heading', { name: 'Home' })
  expect(logIn).toHaveBeenCalledWith({ username: 'ada', password: 'secret' })
  expect(setUser).toHaveBeenCalledWith({ id: 1, username: 'ada' })
})

test('shows the message of a 401 and stays on the form', async () => {
  vi.mocked(logIn).mockRejectedValue(new ApiError(401, 'invalid username or password'))
  const user = userEvent.setup()
  const setUser = renderPage()

  await user.type(screen.getByLabelText('Username', { exact: false }), 'ada')
  await user.type(screen.getByLabelText('Password', { exact: false }), 'wrong')
  await user.click(screen.getByRole('button', { name: 'Log in' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('invalid username or password')
  expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument()
  expect(setUser).not.toHaveBeenCalled()
  // The form can be sent again.
  expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled()
})

test('shows the message of a 429 after too many failures', async () => {
  vi.mocked(logIn).mockRejectedValue(
    new ApiError(429, 'too many failed log-ins: try again in 180 seconds'),
  )
  const user = userEvent.setup()
  renderPage()

  await user.click(screen.getByRole('button', { name: 'Log in' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('try again in 180 seconds')
})
