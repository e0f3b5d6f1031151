import { test, expect, waitForApp, provokesNetworkErrors } from './fixtures';

type Service = { id: string; name: { de: string; en: string }; fee: { kind: string; amount?: number } };

test.describe('service catalogue', () => {
  test('shows every seeded service from the API, grouped by category, with German fees', async ({ page, request }) => {
    const services: Service[] = await (await request.get('/api/v1/services')).json();
    expect(services.length).toBeGreaterThanOrEqual(9);
    await page.goto('/');
    await expect(page).toHaveTitle(/Online-Dienste der Stadt Musterstadt/);
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Dienste der Stadt Musterstadt' })).toBeVisible();
    for (const s of services) {
      await expect(page.getByRole('link', { name: s.name.de, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('status')).toHaveText(`${services.length} Dienste gefunden`);
    await expect(page.getByRole('heading', { level: 2, name: 'Familie und Personenstand' })).toBeVisible();
    const register = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Melderegisterauskunft' }) });
    await expect(register).toContainText('Gebühr: 7,00 €');
    const dogs = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Hundeanmeldung' }) });
    await expect(dogs).toContainText('96,00 € pro Jahr');
  });

  test('search filters as you type, ignoring case and umlauts', async ({ page }) => {
    await page.goto('/');
    const search = page.getByLabel('Dienst suchen');
    await search.fill('Hunde');
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Kita-Anmeldung' })).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText('1 Dienst gefunden');

    await search.fill('hunde');
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toBeVisible();

    await search.fill('zaehler');
    await expect(page.getByRole('link', { name: 'Zählerstandsmeldung Gartenwasserzähler' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toHaveCount(0);

    await search.fill('Kita');
    await expect(page.getByRole('link', { name: 'Kita-Anmeldung' })).toBeVisible();
    // "Kita" also occurs in the parental-fee service's summary.
    await expect(page.getByRole('link', { name: 'Einkommensüberprüfung Elternbeiträge' })).toBeVisible();

    await search.fill('Raumschiff');
    await expect(page.getByRole('status')).toHaveText(/Kein Dienst passt/);
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toHaveCount(0);

    await search.fill('');
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toBeVisible();
  });

  test('a service link opens its start page, and back returns to the catalogue', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Melderegisterauskunft' }).click();
    await expect(page).toHaveURL(/\/leistungen\/melderegisterauskunft$/);
    const h1 = page.getByRole('heading', { level: 1, name: 'Melderegisterauskunft' });
    await expect(h1).toBeVisible();
    await expect(h1).toBeFocused();
    await expect(page).toHaveTitle(/^Melderegisterauskunft – /);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Dienste der Stadt Musterstadt' })).toBeVisible();
  });

  test('from the catalogue, a start page shows its heading before the form has arrived, and keeps its focus', async ({ page }) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/services/melderegisterauskunft', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await page.getByRole('link', { name: 'Melderegisterauskunft' }).click();
    const h1 = page.getByRole('heading', { level: 1, name: 'Melderegisterauskunft' });
    await expect(h1).toBeFocused();
    await expect(page).toHaveTitle(/^Melderegisterauskunft – /);
    await expect(page.getByRole('status').filter({ hasText: 'Wird geladen …' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Jetzt starten' })).toHaveCount(0);
    release();
    await expect(page.getByRole('link', { name: 'Jetzt starten' })).toBeVisible();
    await expect(page.locator('.fee')).toContainText('Gebühr: ');
    // The same heading element: the answer changed nothing a screen reader was on.
    await expect(h1).toBeFocused();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  test('when the API is down an error shows and retry recovers', async ({ page }) => {
    provokesNetworkErrors();
    await page.route('**/api/v1/services', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Die Dienste können gerade nicht geladen werden');
    await expect(alert).toContainText('Keine Verbindung zum Server');
    await page.unroute('**/api/v1/services');
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a server error shows the error, not a blank page', async ({ page }) => {
    provokesNetworkErrors();
    await page.route('**/api/v1/services', (route) =>
      route.fulfill({ status: 500, contentType: 'application/problem+json', body: '{"title":"x","status":500}' }),
    );
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('Beim Server ist ein Fehler aufgetreten');
    await expect(page.getByRole('button', { name: 'Erneut versuchen' })).toBeVisible();
  });

  test('the static shell paints the heading before the app and is replaced by it', async ({ page }) => {
    await page.route(/_bg\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.goto('/');
    await expect(page.locator('#static-shell h1')).toHaveText('Online-Dienste der Stadt Musterstadt');
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  });
});
