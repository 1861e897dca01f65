// Tests of the cast member form, used the way a person would: by labels and button names.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, expect, test, vi } from 'vitest'
import { ApiError, listProductions } from '../api.js'
import CastMemberForm from './CastMemberForm.jsx'

// The form asks the API for the rows its parents can be: these answer instead of the server.
vi.mock(import('../api.js'), async (importOriginal) => ({
  ...(await importOriginal()),
  listProductions: vi.fn(),
}))

beforeEach(() => {
  vi.mocked(listProductions).mockResolvedValue([
    { id: 1, title: 'Production 1' },
    { id: 2, title: 'Production 2' },
  ])
})

test('sends the values typed, each as the API takes it', async () => {
  const user = userEvent.setup()
  const onSubmit = vi.fn().mockResolvedValue(undefined)
  render(<CastMemberForm submitLabel="Create cast member" onSubmit={onSubmit} />)
  await screen.findByRole('option', { name: 'Production 1' })

  await user.type(screen.getByLabelText('Name'), 'Alexzander Bailey')
  await user.type(screen.getByLabelText('Role'), 'Customized initiatives')
  await user.selectOptions(screen.getByLabelText('Production'), '1')
  await user.click(screen.getByRole('button', { name: 'Create cast member' }))

  // The body to send; the second argument is the form's body unchanged, for an edit.
  expect(onSubmit.mock.calls[0][0]).toEqual({
    name: 'Alexzander Bailey',
    role: 'Customized initiatives',
    production_id: 1,
  })
})

test('shows each message of the server next to its field, and the general one above', async () => {
  const user = userEvent.setup()
  const onSubmit = vi.fn().mockRejectedValue(
    new ApiError(422, 'some fields are invalid', {
      name: ['is required'],
      role: ['is required'],
      production_id: ['is required'],
    }),
  )
  render(<CastMemberForm submitLabel="Create cast member" onSubmit={onSubmit} />)

  await user.click(screen.getByRole('button', { name: 'Create cast member' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('some fields are invalid')
  // aria-describedby ties each message to its field: it is what a screen reader reads.
  expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
    'is required',
  )
  expect(screen.getByLabelText('Role')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Role')).toHaveAccessibleDescription(
    'is required',
  )
  expect(screen.getByLabelText('Production')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Production')).toHaveAccessibleDescription(
    'is required',
  )
})

test('disables the submit button while the request is in flight', async () => {
  const user = userEvent.setup()
  // A request that answers only when the test says so.
  let finish
  const onSubmit = vi.fn(() => new Promise((resolve) => (finish = resolve)))
  render(<CastMemberForm submitLabel="Create cast member" onSubmit={onSubmit} />)
  const button = screen.getByRole('button', { name: 'Create cast member' })

  await user.click(button)
  expect(button).toBeDisabled()

  finish()
  await vi.waitFor(() => expect(button).toBeEnabled())
})

test('starts from the cast member it edits', async () => {
  const castMember = {
    id: 1,
    name: 'Ada Lovelace',
    role: 'Hamlet',
    production_id: 1,
  }
  render(<CastMemberForm castMember={castMember} submitLabel="Save cast member" onSubmit={vi.fn()} />)
  await screen.findByRole('option', { name: 'Production 1' })

  expect(screen.getByLabelText('Name')).toHaveValue('Ada Lovelace')
  expect(screen.getByLabelText('Role')).toHaveValue('Hamlet')
  expect(screen.getByLabelText('Production')).toHaveValue('1')
})
