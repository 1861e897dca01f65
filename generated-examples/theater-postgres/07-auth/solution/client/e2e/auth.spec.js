// Users, end to end: signing up, logging in and out, and what the pages offer to whom. The
// server refuses what the rules refuse whatever the page offers; the page shows why.
import { expect, test } from '@playwright/test'

// Fills the log-in form and sends it.
async function logInThroughTheForm(page, username, password) {
  await page.getByRole('link', { name: 'Log in' }).click()
  await page.getByLabel('Username', { exact: false }).fill(username)
  await page.getByLabel('Password', { exact: false }).fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible()
}

test.describe('in a browser: users', () => {
  test('a wrong password is refused with the server message', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('link', { name: 'Log in' }).click()

    await page.getByLabel('Username', { exact: false }).fill('ada')
    await page.getByLabel('Password', { exact: false }).fill('not the password')
    await page.getByRole('button', { name: 'Log in' }).click()

    await expect(page.getByRole('alert')).toHaveText('invalid username or password')
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
  })

  test('a session outlives a reload, and ends at log-out', async ({ page }) => {
    await page.goto('/')
    await logInThroughTheForm(page, 'ada', 'ada-dev-password')

    await page.reload()
    await expect(page.getByText(`Signed in as ${'ada'}`)).toBeVisible()
    await page.getByRole('button', { name: 'Log out' }).click()

    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
    await page.reload()
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
  })

  test('a newcomer signs up and creates a cast member, which another user may not change', async ({ page }) => {
    // A username of this run's own: the database outlives a run of the tests.
    const username = `newcomer-${Date.now()}`
    const name = 'Dayton Hirthe'
    await page.goto('/')
    await page.getByRole('link', { name: 'Sign up' }).click()
    await page.getByLabel('Username', { exact: false }).fill(username)
    await page.getByLabel('Password', { exact: false }).fill('a-good-password')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect(page.getByText(`Signed in as ${username}`)).toBeVisible()

    await page.goto('/cast_members/new')
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByLabel('Role', { exact: true }).fill('Open-source eyeballs')
    await page.getByLabel('Production', { exact: true }).selectOption('1')
    await page.getByRole('button', { name: 'Create cast member' }).click()
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
    const address = new URL(page.url()).pathname
    // Its maker may change it.
    await expect(page.getByRole('link', { name: 'Edit cast member' })).toBeVisible()

    await page.getByRole('button', { name: 'Log out' }).click()
    await logInThroughTheForm(page, 'ada', 'ada-dev-password')
    await page.goto(address)
    // Someone else logs in on the same browser: the page no longer offers to change it.
    await expect(page.getByRole('link', { name: 'All cast members' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Edit cast member' })).toHaveCount(0)

    // Trying anyway, by the edit page's address: the server refuses, and the page says so.
    await page.goto(`${address}/edit`)
    await page.getByRole('button', { name: 'Save cast member' }).click()
    await expect(page.getByRole('alert')).toHaveText('you are not allowed to do this')

    // Back as the newcomer, who may.
    await page.goto('/')
    await page.getByRole('button', { name: 'Log out' }).click()
    await logInThroughTheForm(page, username, 'a-good-password')
    await page.goto(address)
    await expect(page.getByRole('link', { name: 'Edit cast member' })).toBeVisible()
  })

  test('a visitor who is not signed in is told to log in', async ({ page }) => {
    await page.goto('/productions/new')

    await page.getByRole('button', { name: 'Create production' }).click()

    await expect(page.getByRole('alert').first()).toHaveText('you must be logged in')
  })
})
