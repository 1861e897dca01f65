// Tests of api.js: what it returns or throws for each kind of answer, with fetch replaced.
import { describe, expect, test, vi } from 'vitest'
import {
  ApiError,
  createProduction,
  deleteProduction,
  getProduction,
  listProductions,
  updateProduction,
} from './api.js'

// A stand-in for fetch that answers `body` as JSON with `status`, and records its calls.
function answer(status, body) {
  const fetch = vi.fn().mockResolvedValue(
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  )
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('api.js', () => {
  test('listProductions returns the array the server sends', async () => {
    const fetch = answer(200, [{ id: 1 }, { id: 2 }])

    const productions = await listProductions()

    expect(productions).toEqual([{ id: 1 }, { id: 2 }])
    expect(fetch).toHaveBeenCalledWith('/api/productions', { method: 'GET' })
  })

  test('getProduction asks for the row of its id', async () => {
    const fetch = answer(200, { id: 7 })

    const production = await getProduction(7)

    expect(production).toEqual({ id: 7 })
    expect(fetch).toHaveBeenCalledWith('/api/productions/7', { method: 'GET' })
  })

  test('createProduction sends the body as JSON and returns the created row', async () => {
    const fetch = answer(201, { id: 5, title: 'sent' })

    const production = await createProduction({ title: 'sent' })

    expect(production).toEqual({ id: 5, title: 'sent' })
    expect(fetch).toHaveBeenCalledWith('/api/productions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":"sent"}',
    })
  })

  test('updateProduction sends only the changes, with PATCH', async () => {
    const fetch = answer(200, { id: 3, title: 'changed' })

    const production = await updateProduction(3, { title: 'changed' })

    expect(production).toEqual({ id: 3, title: 'changed' })
    expect(fetch).toHaveBeenCalledWith('/api/productions/3', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":"changed"}',
    })
  })

  test('deleteProduction returns null for a 204', async () => {
    const fetch = answer(204)

    await expect(deleteProduction(1)).resolves.toBeNull()
    expect(fetch).toHaveBeenCalledWith('/api/productions/1', { method: 'DELETE' })
  })

  test('a 422 throws an ApiError with the message and the errors by field', async () => {
    answer(422, {
      error: 'some fields are invalid',
      errors: { title: ['is required', 'one more'] },
    })

    const error = await createProduction({}).catch((err) => err)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(422)
    expect(error.message).toBe('some fields are invalid')
    expect(error.errors).toEqual({ title: ['is required', 'one more'] })
  })

  test('a 404 throws an ApiError with the message and no field errors', async () => {
    answer(404, { error: 'production 999 not found' })

    const error = await getProduction(999).catch((err) => err)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(404)
    expect(error.message).toBe('production 999 not found')
    expect(error.errors).toEqual({})
  })

  test('a network failure throws an ApiError saying the server cannot be reached', async () => {
    // What fetch does when nothing answers: it rejects with a TypeError.
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))

    const error = await listProductions().catch((err) => err)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/cannot reach the server/i)
  })

  test('an answer that is not JSON (a proxy error page) throws an ApiError', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('Bad Gateway', { status: 502 })))

    const error = await listProductions().catch((err) => err)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(502)
    expect(error.message).toMatch(/cannot reach the server/i)
  })
})
