// Tests of the production form, used the way a person would: by labels and button names.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { ApiError } from '../api.js'
import ProductionForm from './ProductionForm.jsx'

test('sends the values typed, each as the API takes it, and a blank as null', async () => {
  const user = userEvent.setup()
  const onSubmit = vi.fn().mockResolvedValue(undefined)
  render(<ProductionForm submitLabel="Create production" onSubmit={onSubmit} />)

  await user.type(screen.getByLabelText('Title'), 'Organized heuristic standardization')
  await user.selectOptions(screen.getByLabelText('Genre'), 'Drama')
  await user.type(screen.getByLabelText('Budget'), '104.0')
  await user.type(screen.getByLabelText('Director'), 'Gabriella Skiles')
  await user.type(screen.getByLabelText('Description'), 'Deserunt et aut quia est labore.')
  await user.click(screen.getByRole('button', { name: 'Create production' }))

  // The body to send; the second argument is the form's body unchanged, for an edit.
  expect(onSubmit.mock.calls[0][0]).toEqual({
    title: 'Organized heuristic standardization',
    genre: 'Drama',
    budget: 104.0,
    image: null,
    director: 'Gabriella Skiles',
    description: 'Deserunt et aut quia est labore.',
    ongoing: true,
  })
})

test('shows each message of the server next to its field, and the general one above', async () => {
  const user = userEvent.setup()
  const onSubmit = vi.fn().mockRejectedValue(
    new ApiError(422, 'some fields are invalid', {
      title: ['must be at most 100 characters'],
      genre: ['is required'],
      budget: ['must be at least 100'],
      image: ['Image file type must be a jpg'],
    }),
  )
  render(<ProductionForm submitLabel="Create production" onSubmit={onSubmit} />)

  await user.click(screen.getByRole('button', { name: 'Create production' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('some fields are invalid')
  // aria-describedby ties each message to its field: it is what a screen reader reads.
  expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(
    'must be at most 100 characters',
  )
  expect(screen.getByLabelText('Genre')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Genre')).toHaveAccessibleDescription(
    'is required',
  )
  expect(screen.getByLabelText('Budget')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Budget')).toHaveAccessibleDescription(
    'must be at least 100',
  )
  expect(screen.getByLabelText('Image')).toHaveAttribute('aria-invalid', 'true')
  expect(screen.getByLabelText('Image')).toHaveAccessibleDescription(
    'Image file type must be a jpg',
  )
  expect(screen.getByLabelText('Director')).not.toHaveAttribute('aria-invalid')
  expect(screen.getByLabelText('Director')).not.toHaveAccessibleDescription()
})

test('disables the submit button while the request is in flight', async () => {
  const user = userEvent.setup()
  // A request that answers only when the test says so.
  let finish
  const onSubmit = vi.fn(() => new Promise((resolve) => (finish = resolve)))
  render(<ProductionForm submitLabel="Create production" onSubmit={onSubmit} />)
  const button = screen.getByRole('button', { name: 'Create production' })

  await user.click(button)
  expect(button).toBeDisabled()

  finish()
  await vi.waitFor(() => expect(button).toBeEnabled())
})

test('starts from the production it edits', async () => {
  const production = {
    id: 1,
    title: 'Hamlet',
    genre: 'Drama',
    budget: 100000.0,
    image: 'hamlet.jpg',
    director: 'Bill Shakespeare',
    description: 'A prince of Denmark avenges his father, and everyone dies.',
    ongoing: true,
  }
  render(<ProductionForm production={production} submitLabel="Save production" onSubmit={vi.fn()} />)

  expect(screen.getByLabelText('Title')).toHaveValue('Hamlet')
  expect(screen.getByLabelText('Genre')).toHaveValue('Drama')
  expect(screen.getByLabelText('Budget')).toHaveValue(100000.0)
  expect(screen.getByLabelText('Image')).toHaveValue('hamlet.jpg')
  expect(screen.getByLabelText('Director')).toHaveValue('Bill Shakespeare')
  expect(screen.getByLabelText('Description')).toHaveValue('A prince of Denmark avenges his father, and everyone dies.')
  expect(screen.getByLabelText('Ongoing')).toBeChecked()
})
