// Every request the client sends to the server, in one place: pages call these, never fetch.

// Empty by default: requests go to /api on the page's own origin (Vite's proxy in development,
// the Rust server once built). VITE_API_URL=http://127.0.0.1:3000 calls the server directly;
// a `/` at its end is dropped, since each path starts with one.
const API_URL = `${(import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '')}/api`

// What every failed request throws. `status` is the HTTP status (0 when no answer came back),
// `message` the server's `error`, and `errors` its messages by field: { title: ['is required'] }.
export class ApiError extends Error {
  constructor(status, message, errors = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.errors = errors
  }
}

// Sends one request and returns the JSON of the answer (null for a 204), or throws an ApiError.
async function request(method, path, body) {
  // Exercise: send the request with `fetch` to API_URL + path, and make sense of the answer.
  // - A body goes as JSON, with the `Content-Type: application/json` header the server asks
  //   for; a request without a body has neither (`{ method }` alone).
  // - `fetch` throws only when no answer comes back at all (the server is down): throw an
  //   ApiError with status 0 and a message saying the server cannot be reached.
  // - 204 No Content has no body: return null.
  // - Every answer of the server is JSON. One that is not came from something in between,
  //   such as Vite's proxy when the server is down: say the server cannot be reached, with the
  //   status.
  // - `fetch` does not throw on a 4xx or a 5xx: check `response.ok`, and throw an ApiError
  //   with the status, the server's `error` and its `errors`.
  throw new ApiError(0, `request() is not written yet: ${method} ${path}`)
}

// Productions: the routes of lecture 4, one function each.
export const listProductions = () => request('GET', '/productions')
export const getProduction = (id) => request('GET', `/productions/${id}`)
export const createProduction = (production) => request('POST', '/productions', production)
export const updateProduction = (id, changes) => request('PATCH', `/productions/${id}`, changes)
export const deleteProduction = (id) => request('DELETE', `/productions/${id}`)

// Cast members: the routes of lecture 4, one function each.
export const listCastMembers = () => request('GET', '/cast_members')
export const getCastMember = (id) => request('GET', `/cast_members/${id}`)
export const createCastMember = (castMember) => request('POST', '/cast_members', castMember)
export const updateCastMember = (id, changes) => request('PATCH', `/cast_members/${id}`, changes)
export const deleteCastMember = (id) => request('DELETE', `/cast_members/${id}`)
