// What the browser tests share: rows made through the API, faster than through the forms,
// which other tests use.
import { expect } from '@playwright/test'

// Creates a row at `path` (such as '/productions') through the API, and returns it as stored.
// `request` is `page.request`, which sends the page's cookies: the row is the signed-in user's.
export async function create(request, path, body) {
  const response = await request.post(`/api${path}`, { data: body })
  expect(response.status(), await response.text()).toBe(201)
  return response.json()
}

// Logs in through the API, in the page's own browser context: the session cookie the server
// sets is the page's from then on, as if the user had typed into the log-in form.
export async function logIn(page, username, password) {
  const response = await page.request.post('/api/login', { data: { username, password } })
  expect(response.status(), await response.text()).toBe(200)
}
