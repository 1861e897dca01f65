// Cast members, end to end: the built client in a browser, against the real server. Each test
// makes rows of its own, from values no other test uses.
import { expect, test } from '@playwright/test'
import { create, logIn } from './helpers.js'

test.describe('in a browser: cast members', () => {
  // Signed in as a user who may do everything these tests do, to rows they made.
  test.beforeEach(async ({ page }) => {
    await logIn(page, 'ada', 'ada-dev-password')
  })

  test('creates a cast member through the form and lists it', async ({ page }) => {
    const name = 'Alexzander Bailey'
    await page.goto('/')

    await page.getByRole('main').getByRole('link', { name: 'Cast members', exact: true }).click()
    await page.getByRole('link', { name: 'New cast member' }).click()
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByLabel('Role', { exact: true }).fill('Customized initiatives')
    await page.getByLabel('Production', { exact: true }).selectOption('1')
    await page.getByRole('button', { name: 'Create cast member' }).click()

    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
    const id = page.url().split('/').pop()
    await page.getByRole('link', { name: 'All cast members' }).click()
    // The list is in id order, so the new cast member is the last of its name.
    const link = page.getByRole('link', { name, exact: true }).last()
    await expect(link).toHaveAttribute('href', `/cast_members/${id}`)
  })

  test('shows the server messages next to the fields of an invalid form', async ({ page }) => {
    await page.goto('/cast_members/new')

    await page.getByRole('button', { name: 'Create cast member' }).click()

    await expect(page.getByRole('alert')).toHaveText('some fields are invalid')
    await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(
      'is required',
    )
    await expect(page.getByLabel('Role', { exact: true })).toHaveAccessibleDescription(
      'is required',
    )
    await expect(page.getByLabel('Production', { exact: true })).toHaveAccessibleDescription(
      'is required',
    )
  })

  test('edits a cast member', async ({ page }) => {
    const castMember = await create(page.request, '/cast_members', {
      name: 'Aron Armstrong',
      role: 'Impactful web services',
      production_id: 1,
    })
    await page.goto(`/cast_members/${castMember.id}`)

    await page.getByRole('link', { name: 'Edit cast member' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Brandy Champlin')
    await page.getByRole('button', { name: 'Save cast member' }).click()

    await expect(page).toHaveURL(`/cast_members/${castMember.id}`)
    const changed = page.getByRole('definition').getByText('Brandy Champlin', { exact: true })
    await expect(changed).toBeVisible()
  })

  test('deletes a cast member after confirming', async ({ page }) => {
    const castMember = await create(page.request, '/cast_members', {
      name: 'Lance Hagenes',
      role: 'Real-time e-tailers',
      production_id: 1,
    })
    await page.goto(`/cast_members/${castMember.id}`)

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: 'Delete cast member' }).click()

    await expect(page).toHaveURL('/cast_members')
    await expect(page.getByRole('heading', { name: 'Cast members' })).toBeVisible()
    await page.goto(`/cast_members/${castMember.id}`)
    await expect(page.getByText(`cast member ${castMember.id} not found`)).toBeVisible()
  })

  test('keeps a cast member when the deletion is cancelled', async ({ page }) => {
    const castMember = await create(page.request, '/cast_members', {
      name: 'Royce Beatty',
      role: 'E-business models',
      production_id: 1,
    })
    await page.goto(`/cast_members/${castMember.id}`)

    page.once('dialog', (dialog) => dialog.dismiss())
    await page.getByRole('button', { name: 'Delete cast member' }).click()
    await page.reload()

    await expect(page.getByRole('heading', { name: castMember.name, exact: true })).toBeVisible()
  })

  test('adds a cast member from the page of its production', async ({ page }) => {
    const name = 'Marguerite Dooley'
    await page.goto('/productions/1')

    await page.getByRole('link', { name: 'Add a cast member' }).click()
    // The page of the production chose it already.
    await expect(page.getByLabel('Production', { exact: true })).toHaveValue('1')
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByLabel('Role', { exact: true }).fill('Sexy mindshare')
    await page.getByRole('button', { name: 'Create cast member' }).click()

    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
  })
})
