import { test, expect, expectNoAxeViolations, waitForApp } from './fixtures';
import { decodeQr } from './qr';
import { fillAddress, next } from './wizard-helpers';
import { SECOND_TOWN_URL } from '../playwright.config';

// Everything town-specific comes from the town folder's profile (towns/<town>/town.toml), served
// in index.html and at /api/v1/town; the app has nothing of a town compiled in.

test.describe('the demo town from its profile', () => {
  test('header, title and footer contact come from the profile', async ({ page, request }) => {
    const town = await (await request.get('/api/v1/town')).json();
    await page.goto('/impressum');
    await waitForApp(page);
    await expect(page.getByRole('link', { name: /Stadt Musterstadt\s+Serviceportal/ })).toBeVisible();
    await expect(page).toHaveTitle('Impressum – Serviceportal Musterstadt');
    for (const paragraph of town.imprint) {
      await expect(page.getByText(paragraph.de, { exact: true })).toBeVisible();
    }
    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('heading', { name: 'Kontakt' })).toBeVisible();
    await expect(footer.locator('address')).toContainText('Bürgerbüro');
    expect((await footer.locator('address').innerText()).split('\n').map((l) => l.trim())).toEqual([
      'Bürgerbüro', 'Rathausplatz 1', '12345 Musterstadt', 'Telefon: 01234 5678-0', 'E-Mail: buergerservice@musterstadt.example',
    ]);
    await expect(footer.getByRole('link', { name: town.contact.phone })).toHaveAttribute('href', 'tel:012345678-0');
    await expect(footer.getByRole('listitem').filter({ hasText: 'Mi 8–18 Uhr' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByText(town.imprint[0].en, { exact: true })).toBeVisible();
    await expect(footer.locator('address')).toContainText("Citizens' office");
    await expect(page).toHaveTitle('Legal notice – Service portal Musterstadt');
  });

  test('the accessibility statement: dates, method, gaps, feedback and enforcement body from the profile', async ({ page }) => {
    await page.goto('/barrierefreiheit');
    await expect(page.getByText('Sie wurde am 21.11.2026 erstellt. Zuletzt geprüft wurde das Portal am 21.11.2026.')).toBeVisible();
    // No sign-language videos yet: the statement says so instead of pretending.
    await expect(page.getByRole('listitem').filter({ hasText: 'Videos in Deutscher Gebärdensprache (DGS)' })).toContainText('gibt es noch nicht');
    await expect(page.getByRole('heading', { name: 'Deutsche Gebärdensprache' })).toHaveCount(0);
    await expect(page.getByText('E-Mail: barrierefreiheit@musterstadt.example, Telefon: 01234 5678-0')).toBeVisible();
    await expect(page.getByRole('link', { name: 'durchsetzung@land.example' })).toHaveAttribute('href', 'mailto:durchsetzung@land.example');
    await expectNoAxeViolations(page, 'statement');
  });

  test('the static shell already shows the town and carries the profile for the first render', async ({ request }) => {
    const html = await (await request.get('/')).text();
    expect(html).toContain('<title>Serviceportal Musterstadt</title>');
    expect(html).not.toContain('{{town.');
    // The build minifies the shell: attributes in any order, quotes where needed.
    const json = /<script(?=[^>]*\bid="?town-profile\b)[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(await (await request.get('/api/v1/town')).json());
  });
});

test.describe('a second town: Gemeinde Lindenbach', () => {
  test.use({ baseURL: SECOND_TOWN_URL });

  test('catalogue with its own services, name and colours; nothing of Musterstadt', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Dienste der Gemeinde Lindenbach' })).toBeVisible();
    await expect(page).toHaveTitle('Online-Dienste der Gemeinde Lindenbach – Serviceportal Lindenbach');
    await expect(page.getByRole('link', { name: 'Sperrmüllabholung' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Melderegisterauskunft' })).toHaveCount(0);
    const dogs = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Hundeanmeldung' }) });
    await expect(dogs).toContainText('48,00 € pro Jahr');
    const header = page.getByRole('banner');
    await expect(header).toHaveCSS('background-color', 'rgb(47, 93, 42)');
    await expect(page.locator('body')).not.toContainText('Musterstadt');
    await expectNoAxeViolations(page, 'Lindenbach catalogue');
  });

  test('the first paint needs no stylesheet: the shell in the town\'s colours before the wasm', async ({ page }) => {
    const styles: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'stylesheet') styles.push(r.url()); });
    await page.route(/\.wasm$/, () => {}); // held back: only the static shell shows
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Dienste der Gemeinde Lindenbach' })).toBeVisible();
    await expect(page.getByRole('banner')).toHaveCSS('background-color', 'rgb(47, 93, 42)');
    await expect(page.locator('#static-shell main')).toHaveCSS('max-width', '960px'); // style/main.css
    expect(styles, 'no stylesheet request before the first paint').toEqual([]);
  });

  test('a town without the citizen account: the shell\'s header is as tall as the app\'s at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => { release = r; });
    await page.route(/\/serviceportal-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto('/');
    const shell = await page.locator('#static-shell h1').boundingBox();
    release();
    await expect(page.locator('#static-shell')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Sperrmüllabholung' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toHaveCount(0);
    expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.y).toBeCloseTo(shell!.y, 0);
  });

  test('its imprint, and no online hearing', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' }).click();
    await expect(page.getByText(/^Gemeinde Lindenbach, vertreten durch den Ortsbürgermeister/)).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('link', { name: '06543 210-0' })).toBeVisible();
    await page.goto('/anhoerung#az=OWI-2026-000101&code=K7MP-3XTA');
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Anhörung' })).toBeVisible();
    await expect(page.getByText('Die Gemeinde Lindenbach bietet die Online-Anhörung nicht an.', { exact: false })).toBeVisible();
    await expect(page.getByLabel('Aktenzeichen')).toHaveCount(0);
    expect(page.url()).not.toContain('code=');
    await expectNoAxeViolations(page, 'hearing not offered');
    const res = await request.post('/api/v1/hearings/session', { data: { case_number: 'OWI-2026-000101', access_code: 'K7MP-3XTA' } });
    expect(res.status()).toBe(404);
  });

  test('a form with its own fee, paid by transfer to the town\'s own account', async ({ page, request }) => {
    const town = await (await request.get('/api/v1/town')).json();
    await page.goto('/leistungen/sperrmuell');
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    await page.getByLabel('Menge in Kubikmetern').fill('3');
    await page.getByLabel('Gegenstände').fill('1 Sofa, 2 Stühle, 1 Schrank');
    await page.getByLabel('Nein').check();
    await next(page);
    await page.getByLabel('Vorname').fill('Jonas');
    await page.getByLabel('Nachname').fill('Weber');
    await fillAddress(page.getByRole('group', { name: 'Abholadresse' }), { street: 'Dorfstraße', house_number: '9', postal_code: '54321', town: 'Lindenbach' });
    await page.getByLabel('E-Mail-Adresse').fill('jonas@example.de');
    await next(page);
    // 20 € for the first cubic metre, 10 € for each further one.
    await expect(page.getByText(/40,00\s€/).first()).toBeVisible();
    await expectNoAxeViolations(page, 'Lindenbach check answers');
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await page.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
    // Only the two methods the town offers.
    await expect(page.getByRole('radio')).toHaveCount(2);
    await expect(page.getByLabel('SEPA-Lastschrift', { exact: true })).toBeVisible();
    await page.getByLabel('Überweisung mit GiroCode', { exact: true }).check();
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Per Überweisung bezahlen' })).toBeVisible();
    const lines = (await decodeQr(page.getByRole('img', { name: /GiroCode/ }))).split('\n');
    expect(lines[5]).toBe(town.payee.name);
    expect(lines[5]).toBe('Gemeinde Lindenbach');
    expect(lines[6]).toBe(town.payee.iban);
    expect(lines[7]).toBe('EUR40.00');
    await expectNoAxeViolations(page, 'Lindenbach transfer');
  });
});
