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

// Called with nothing when the server answers 401 to a request that needed a session (the
// session ended: logged out in another tab, or expired). AuthProvider sets it, to forget the
// user it thought was signed in.
let onSessionEnded = () => {}

export function whenSessionEnds(callback) {
  onSessionEnded = callback
}

// Sends one request and returns the JSON of the answer (null for a 204), or throws an ApiError.
async function request(method, path, body) {
  // The browser sends its cookies (the session) to the page's own origin anyway; `include`
  // sends them to the server when it is another origin too (VITE_API_URL).
  const options = { method, credentials: 'include' }
  if (body !== undefined) {
    // The server refuses a body without this header (415): it only reads JSON.
    options.headers = { 'Content-Type': 'application/json' }
    options.body = JSON.stringify(body)
  }

  let response
  try {
    response = await fetch(API_URL + path, options)
  } catch {
    // fetch rejects only when no answer came back at all: the server is down, the address is
    // wrong, or the browser refused the answer (CORS). A 404 or a 500 is an answer, not this.
    throw new ApiError(0, 'Cannot reach the server. Is it running?')
  }

  // 204 No Content (a delete) has no body to read.
  if (response.status === 204) return null

  // Every answer of our server is JSON. One that is not came from something in between,
  // such as Vite's proxy answering 502 because the Rust server is not running.
  const data = await response.json().catch(() => null)
  if (data === null) {
    throw new ApiError(response.status, `Cannot reach the server (HTTP ${response.status}).`)
  }

  // fetch does not throw on 4xx and 5xx: checking `ok` (a 2xx status) is our job.
  if (!response.ok) {
    // A wrong password at log-in is a 401 too, but no session ended with it.
    if (response.status === 401 && path !== '/login') onSessionEnded()
    throw new ApiError(response.status, data.error, data.errors)
  }
  return data
}

// Users: signing up and in makes a session, which the server names in a cookie; checking the
// session says who that is; logging out ends it.
export const signUp = (user) => request('POST', '/signup', user)
export const logIn = (credentials) => request('POST', '/login', credentials)
export const checkSession = () => request('GET', '/check_session')
export const logOut = () => request('DELETE', '/logout')

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
