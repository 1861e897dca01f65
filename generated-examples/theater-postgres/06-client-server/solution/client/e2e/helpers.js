// What the browser tests share: rows made through the API, faster than through the forms,
// which other tests use.
import { expect } from '@playwright/test'

// Creates a row at `path` (such as '/productions') through the API, and returns it as stored.
export async function create(request, path, body) {
  const response = await request.post(`/api${path}`, { data: body })
  expect(response.status(), await response.text()).toBe(201)
  return response.json()
}
