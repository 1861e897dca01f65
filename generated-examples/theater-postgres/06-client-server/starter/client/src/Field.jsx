// One labelled form control, of the kind its type asks for, with the server's messages for it.
import { useId } from 'react'

// type: any <input> type ('text', 'number', 'date', 'email', ...), or 'textarea', 'select'
// (with `options`: [{ value, label }]) or 'checkbox' (whose value is true or false).
// errors: the server's messages for this field, such as ['is required'].
function Field({ label, name, type = 'text', value, onChange, errors = [], options, ...rest }) {
  // useId gives an id unique on the page, to tie the label and the messages to the control.
  const id = useId()
  const errorsId = `${id}-errors`
  const invalid = errors.length > 0

  // What every kind of control gets. aria-invalid and aria-describedby let a screen reader
  // say "invalid" and read the messages when the control gets the focus.
  const props = {
    id,
    name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorsId : undefined,
    ...rest,
  }
  const handleChange = (event) => onChange(name, event.target.value)

  let control
  if (type === 'checkbox') {
    control = (
      <input
        {...props}
        type="checkbox"
        checked={value}
        onChange={(event) => onChange(name, event.target.checked)}
      />
    )
  } else if (type === 'textarea') {
    control = <textarea {...props} value={value} onChange={handleChange} />
  } else if (type === 'select') {
    control = (
      <select {...props} value={value} onChange={handleChange}>
        <option value="">Choose…</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    )
  } else {
    control = <input {...props} type={type} value={value} onChange={handleChange} />
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {invalid && (
        <ul id={errorsId} className="field-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

export default Field
