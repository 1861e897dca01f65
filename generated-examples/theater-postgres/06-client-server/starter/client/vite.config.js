// Vite's settings: the React plugin, the proxy to the Rust server, and Vitest's test setup.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  server: {
    // This port, or none: the server's CORS_ORIGINS names this one.
    port: 5173,
    strictPort: true,
    // `npm run dev` serves the client and passes every request for /api on to the Rust
    // server (PROXY_TARGET says where it is when not on port 3000). The browser sees one
    // origin, so it needs no CORS and sends its cookies.
    proxy: {
      '/api': process.env.PROXY_TARGET ?? 'http://127.0.0.1:3000',
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: './src/setupTests.js',
    // Only the unit tests: e2e/ holds Playwright's, which need a browser and the server.
    include: ['src/**/*.test.{js,jsx}'],
    // Each test starts afresh: the real `fetch`, and mocks that answer nothing until told.
    unstubGlobals: true,
    mockReset: true,
  },
})
