// What an edit sends: only the fields the form changed. PATCH leaves every other field as it
// is, so an edit does not undo what someone else saved in the meantime.
export function changes(body, unchanged) {
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) => value !== unchanged[key]),
  )
}
