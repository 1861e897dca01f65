// Productions, end to end: the built client in a browser, against the real server. Each test
// makes rows of its own, from values no other test uses.
import { expect, test } from '@playwright/test'
import { create, logIn } from './helpers.js'

test.describe('in a browser: productions', () => {
  // Signed in as a user who may do everything these tests do, to rows they made.
  test.beforeEach(async ({ page }) => {
    await logIn(page, 'grace', 'grace-dev-password')
  })

  test('creates a production through the form and lists it', async ({ page }) => {
    const name = 'Organized heuristic standardization'
    await page.goto('/')

    await page.getByRole('main').getByRole('link', { name: 'Productions', exact: true }).click()
    await page.getByRole('link', { name: 'New production' }).click()
    await page.getByLabel('Title', { exact: true }).fill(name)
    await page.getByLabel('Genre', { exact: true }).selectOption('Drama')
    await page.getByLabel('Budget', { exact: true }).fill('104.0')
    await page.getByLabel('Image', { exact: true }).fill('image5.jpg')
    await page.getByLabel('Director', { exact: true }).fill('Gabriella Skiles')
    await page.getByLabel('Description', { exact: true }).fill('Deserunt et aut quia est labore.')
    await page.getByRole('button', { name: 'Create production' }).click()

    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
    const id = page.url().split('/').pop()
    await page.getByRole('link', { name: 'All productions' }).click()
    // The list is in id order, so the new production is the last of its name.
    const link = page.getByRole('link', { name, exact: true }).last()
    await expect(link).toHaveAttribute('href', `/productions/${id}`)
  })

  test('shows the server messages next to the fields of an invalid form', async ({ page }) => {
    await page.goto('/productions/new')

    await page.getByLabel('Title', { exact: true }).fill('Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')
    await page.getByLabel('Budget', { exact: true }).fill('99.5')
    await page.getByLabel('Image', { exact: true }).fill('not matching')
    await page.getByRole('button', { name: 'Create production' }).click()

    await expect(page.getByRole('alert')).toHaveText('some fields are invalid')
    await expect(page.getByLabel('Title', { exact: true })).toHaveAccessibleDescription(
      'must be at most 100 characters',
    )
    await expect(page.getByLabel('Genre', { exact: true })).toHaveAccessibleDescription(
      'is required',
    )
    await expect(page.getByLabel('Budget', { exact: true })).toHaveAccessibleDescription(
      'must be at least 100',
    )
    await expect(page.getByLabel('Image', { exact: true })).toHaveAccessibleDescription(
      'Image file type must be a jpg',
    )
  })

  test('edits a production', async ({ page }) => {
    const production = await create(page.request, '/productions', {
      title: 'Total bi-directional moderator',
      genre: 'Musical',
      budget: 105.0,
      image: 'image6.jpg',
      director: 'Imelda Morissette',
      description: 'Quia esse et fugiat illum voluptatem excepturi ad.',
      ongoing: true,
    })
    await page.goto(`/productions/${production.id}`)

    await page.getByRole('link', { name: 'Edit production' }).click()
    await page.getByLabel('Title', { exact: true }).fill('Innovative fresh-thinking model')
    await page.getByRole('button', { name: 'Save production' }).click()

    await expect(page).toHaveURL(`/productions/${production.id}`)
    const changed = page.getByRole('definition').getByText('Innovative fresh-thinking model', { exact: true })
    await expect(changed).toBeVisible()
  })

  test('deletes a production after confirming', async ({ page }) => {
    const production = await create(page.request, '/productions', {
      title: 'Innovative maximized moratorium',
      genre: 'Comedy',
      budget: 107.0,
      image: 'image8.jpg',
      director: 'Gracie Cronin',
      description: 'Ut adipisci autem omnis eos ut quod.',
      ongoing: true,
    })
    await page.goto(`/productions/${production.id}`)

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: 'Delete production' }).click()

    await expect(page).toHaveURL('/productions')
    await expect(page.getByRole('heading', { name: 'Productions' })).toBeVisible()
    await page.goto(`/productions/${production.id}`)
    await expect(page.getByText(`production ${production.id} not found`)).toBeVisible()
  })

  test('keeps a production when the deletion is cancelled', async ({ page }) => {
    const production = await create(page.request, '/productions', {
      title: 'Quality-focused full-range functionalities',
      genre: 'Drama',
      budget: 108.0,
      image: 'image9.jpg',
      director: 'Lorena Quigley',
      description: 'Aliquid et possimus earum blanditiis maxime nam dignissimos.',
      ongoing: true,
    })
    await page.goto(`/productions/${production.id}`)

    page.once('dialog', (dialog) => dialog.dismiss())
    await page.getByRole('button', { name: 'Delete production' }).click()
    await page.reload()

    await expect(page.getByRole('heading', { name: production.title, exact: true })).toBeVisible()
  })

  test('reloading a page of the client shows the page, not JSON', async ({ page }) => {
    // The server answers a path it does not know with index.html; the client's router does the
    // rest.
    await page.goto('/productions/1')
    await page.reload()

    await expect(page.getByRole('heading', { name: 'Hamlet', exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Edit production' })).toBeVisible()
  })

  test('a production that does not exist shows the not-found page', async ({ page }) => {
    await page.goto('/productions/999999')

    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await expect(page.getByText('production 999999 not found')).toBeVisible()
  })

  test('an unknown address shows the not-found page', async ({ page }) => {
    await page.goto('/no/such/page')

    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  })
})
