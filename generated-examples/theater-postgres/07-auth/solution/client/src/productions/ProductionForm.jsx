// The form that creates or edits a production: its fields, and the server's answer to them.
import { useState } from 'react'
import Field from '../Field.jsx'

// The values the server accepts for genre, as options of a <select>: each is the
// value sent and the text shown.
const GENRE_OPTIONS = ['Drama', 'Musical', 'Opera', 'Comedy'].map((option) => ({
  value: option,
  label: option,
}))

// A row from the API, as values for the controls: what each shows, '' when blank, and a
// checkbox true or false. A new production ({}) gets blanks, and the spec's defaults.
function productionToValues(production) {
  return {
    title: production.title ?? '',
    genre: production.genre ?? '',
    budget: production.budget ?? '',
    image: production.image ?? '',
    director: production.director ?? '',
    description: production.description ?? '',
    ongoing: production.ongoing ?? true,
  }
}

// The values as the API wants them: a number as a number, and null for a field left blank,
// which the server answers with "is required" where the field is required.
function valuesToBody(values) {
  return {
    title: values.title || null,
    genre: values.genre || null,
    budget: values.budget === '' ? null : Number(values.budget),
    image: values.image || null,
    director: values.director || null,
    description: values.description || null,
    ongoing: values.ongoing,
  }
}

// `production`: the one to edit, or none for a new one. `onSubmit` gets the body to send and
// the body of the form unchanged (an edit sends only what differs), and returns the promise
// of the request.
function ProductionForm({ production = {}, submitLabel, onSubmit }) {
  const [values, setValues] = useState(() => productionToValues(production))
  const [error, setError] = useState(null)
  const [submitting, setSubmitting] = useState(false)

  function handleChange(name, value) {
    // The function form of setValues: each change builds on the latest values.
    setValues((current) => ({ ...current, [name]: value }))
  }

  async function handleSubmit(event) {
    event.preventDefault() // the browser would otherwise send the form and reload the page
    setSubmitting(true)
    setError(null)
    try {
      await onSubmit(valuesToBody(values), valuesToBody(productionToValues(production)))
    } catch (err) {
      setError(err)
    } finally {
      setSubmitting(false)
    }
  }

  // The server's messages by field, when it refused the last submit: { title: ['...'] }.
  const errors = error?.errors ?? {}
  // What every field needs: its name, its value, what to do on a change, and its messages.
  const bind = (name) => ({
    name,
    value: values[name],
    onChange: handleChange,
    errors: errors[name],
  })

  // noValidate: the browser does not stop the submit on its own checks (such as `required`),
  // so every rule is checked in one place, the server, and its messages are the ones shown.
  return (
    <form onSubmit={handleSubmit} noValidate>
      {error && <p role="alert">{error.message}</p>}
      <Field label="Title" {...bind('title')} required />
      <Field label="Genre" type="select" options={GENRE_OPTIONS} {...bind('genre')} required />
      <Field label="Budget" type="number" step="any" {...bind('budget')} />
      <Field label="Image" {...bind('image')} />
      <Field label="Director" {...bind('director')} />
      <Field label="Description" type="textarea" {...bind('description')} />
      <Field label="Ongoing" type="checkbox" {...bind('ongoing')} />
      <button type="submit" disabled={submitting}>
        {submitLabel}
      </button>
    </form>
  )
}

export default ProductionForm
