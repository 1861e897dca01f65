// Playwright's settings: the browser to drive, and the Rust server it tests, serving the build.
import { defineConfig } from '@playwright/test'

// A port and a database of their own, so that the tests never touch a server you are running
// on port 3000, nor its data. The database is named after this project, so two projects, or
// two lectures of one course, never share it; `seed` creates it on the PostgreSQL server of
// E2E_DATABASE_URL, or on the local one.
const PORT = 3100
const DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? 'postgres://postgres@localhost:5432/theater_07_starter_e2e'

export default defineConfig({
  testDir: './e2e',
  // One test at a time: each makes rows of its own, but they share one server and database.
  workers: 1,
  forbidOnly: !!process.env.CI,
  // A page that never shows what a test waits for fails it in seconds, not minutes.
  timeout: 15_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    actionTimeout: 5_000,
    // The system's Chromium (`apt-get install chromium`), rather than one Playwright
    // downloads; CHROMIUM_PATH names another. The flags let it run as root, in a container,
    // without a GPU, and without calling home.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Builds the client, then starts the Rust server from the project's folder (..), where it
  // finds client/dist. `seed` first empties the database and loads the sample rows. The first
  // run compiles the server: it may take a few minutes.
  webServer: {
    command: 'npm --prefix client run build && cargo run -- seed && cargo run',
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/productions`,
    env: {
      PORT: String(PORT),
      DATABASE_URL,
      RUST_LOG: 'warn',
    },
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
