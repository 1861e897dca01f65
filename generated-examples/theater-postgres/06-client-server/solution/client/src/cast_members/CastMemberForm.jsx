// The form that creates or edits a cast member: its fields, and the server's answer to them.
import { useState } from 'react'
import { listProductions } from '../api.js'
import Field from '../Field.jsx'
import { useApi } from '../useApi.js'

// A row from the API, as values for the controls: what each shows, '' when blank. A new cast member
// ({}) gets blanks.
function castMemberToValues(castMember) {
  return {
    name: castMember.name ?? '',
    role: castMember.role ?? '',
    production_id: String(castMember.production_id ?? ''),
  }
}

// The values as the API wants them: a number as a number, and null for a field left blank,
// which the server answers with "is required" where the field is required.
function valuesToBody(values) {
  return {
    name: values.name || null,
    role: values.role || null,
    production_id: values.production_id === '' ? null : Number(values.production_id),
  }
}

// `castMember`: the one to edit, or none for a new one. `onSubmit` gets the body to send and
// the body of the form unchanged (an edit sends only what differs), and returns the promise
// of the request.
function CastMemberForm({ castMember = {}, submitLabel, onSubmit }) {
  const [values, setValues] = useState(() => castMemberToValues(castMember))
  const [error, setError] = useState(null)
  const [submitting, setSubmitting] = useState(false)
  // The production rows to choose from, for the production_id <select>.
  const productions = useApi(listProductions)

  function handleChange(name, value) {
    // The function form of setValues: each change builds on the latest values.
    setValues((current) => ({ ...current, [name]: value }))
  }

  async function handleSubmit(event) {
    event.preventDefault() // the browser would otherwise send the form and reload the page
    setSubmitting(true)
    setError(null)
    try {
      await onSubmit(valuesToBody(values), valuesToBody(castMemberToValues(castMember)))
    } catch (err) {
      setError(err)
    } finally {
      setSubmitting(false)
    }
  }

  // The server's messages by field, when it refused the last submit: { name: ['...'] }.
  const errors = error?.errors ?? {}
  // What every field needs: its name, its value, what to do on a change, and its messages.
  const bind = (name) => ({
    name,
    value: values[name],
    onChange: handleChange,
    errors: errors[name],
  })
  const productionOptions = (productions.data ?? []).map((production) => ({
    value: String(production.id),
    label: production.title,
  }))

  // noValidate: the browser does not stop the submit on its own checks (such as `required`),
  // so every rule is checked in one place, the server, and its messages are the ones shown.
  return (
    <form onSubmit={handleSubmit} noValidate>
      {error && <p role="alert">{error.message}</p>}
      {productions.error && <p role="alert">{productions.error.message}</p>}
      <Field label="Name" {...bind('name')} required />
      <Field label="Role" {...bind('role')} required />
      <Field
        label="Production"
        type="select"
        options={productionOptions}
        {...bind('production_id')}
        required
        disabled={productions.loading}
      />
      <button type="submit" disabled={submitting}>
        {submitLabel}
      </button>
    </form>
  )
}

export default CastMemberForm
