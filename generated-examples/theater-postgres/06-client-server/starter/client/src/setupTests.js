// Runs before every test file: matchers such as toBeDisabled(), and a clean page after each test.
import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Testing Library unmounts what a test rendered, so the next test starts from an empty page.
afterEach(() => {
  cleanup()
})
