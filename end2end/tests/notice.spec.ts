import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, historyStep, waitForApp, provokesNetworkErrors } from './fixtures';
import { decodeQr } from './qr';
import { Page } from '@playwright/test';

// The demo notices (towns/musterstadt/demo/notices.json); dates are relative to the start.
const NOTICES = {
  dogTax: { kz: '6.0100.000201.3', code: 'N7KD-4PRA' },
  propertyTax: { kz: '6.0100.000202.4', code: 'H4TP-9XKW' },
  partly: { kz: '6.0300.000203.5', code: 'C8RM-2VJE' },
  deferred: { kz: '6.0100.000205.7', code: 'S6EG-3YTU' },
  dueToday: { kz: '6.0500.000206.8', code: 'M9WH-5KDR' },
  overdue: { kz: '6.0100.000207.9', code: 'X2RF-7PLC' },
  // Its second instalment is paid by the test below; no other test uses it.
  waste: { kz: '6.0600.000208.1', code: 'E5BU-8GTA' },
};

/** `2026-12-01` → `01.12.2026`. */
const germanDate = (iso: string) => iso.split('-').reverse().join('.');
const inDays = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return germanDate(d.toISOString().slice(0, 10));
};

async function openFromQr(page: Page, n: { kz: string; code: string }) {
  await page.goto(`/zahlen#kz=${encodeURIComponent(n.kz)}&code=${encodeURIComponent(n.code)}`);
  await expect(page.getByText(`Kassenzeichen ${n.kz}`)).toBeVisible();
}

test.describe('paying a notice', () => {
  test('QR link → notice → one instalment by card → receipt → the instalment shows paid; the code never stays', async ({ page }) => {
    provokesNetworkErrors(); // nothing fails here; the provider page may log a 422 on typos
    await page.goto('/');
    await waitForApp(page);
    await openFromQr(page, NOTICES.waste);
    await expect(page).toHaveURL(/\/zahlen\/bescheid$/);
    expect(page.url()).not.toContain('E5BU');
    await historyStep(page, 'back');
    expect(page.url(), 'no history entry keeps the code').not.toContain('code=');
    await historyStep(page, 'forward');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('E5BU');
    await expect(page.getByRole('heading', { level: 1, name: /^Abfallgebühren \d{4}$/ })).toBeVisible();
    await expect(page.getByText('Erika Mustermann')).toBeVisible();
    await expectNoAxeViolations(page, 'notice with four instalments');
    // Nothing is due today: the next instalment is preselected.
    const first = page.getByRole('checkbox', { name: `Rate 1, fällig am ${inDays(5)}: 80,00 €` });
    const second = page.getByRole('checkbox', { name: `Rate 2, fällig am ${inDays(95)}: 80,00 €` });
    await expect(first).toBeChecked();
    await expect(second).not.toBeChecked();
    await first.uncheck();
    await page.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('alert')).toHaveText('Bitte wählen Sie mindestens eine Rate aus.');
    await expectNoAxeViolations(page, 'nothing chosen');
    await second.check();
    await expect(page.getByText('Ausgewählt: 80,00 €')).toBeVisible();
    await page.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
    await expect(page.getByText(`Kassenzeichen ${NOTICES.waste.kz}: Rate 2`)).toBeVisible();
    await page.getByLabel('Kreditkarte', { exact: true }).check();
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click();
    await expect(page).toHaveURL(/\/mock-psp\/pay_[A-Za-z0-9]+$/);
    await page.getByLabel('Kartennummer').fill('4242 4242 4242 4242');
    await page.getByLabel('Ablaufdatum (MM/JJ)').fill('12/39');
    await page.getByLabel('Prüfnummer (CVC)').fill('123');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await expect(page.getByRole('cell', { name: new RegExp(`Kassenzeichen ${NOTICES.waste.kz.replace(/\./g, '\\.')}, Rate 2 fällig am ${inDays(95)}`) })).toBeVisible();
    await expectNoAxeViolations(page, 'receipt');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await page.getByRole('link', { name: 'Zurück zum Bescheid' }).click();
    await expect(page.getByRole('rowheader', { name: `Rate 2 bezahlt am ${inDays(0)}` })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Rate 2,/ })).toHaveCount(0);
    await expectNoAxeViolations(page, 'instalment paid');
  });

  test('everything due by GiroCode: charges with their reasons, amount and Kassenzeichen in the code', async ({ page }) => {
    await openFromQr(page, NOTICES.overdue);
    await expect(page.getByRole('rowheader', { name: 'Betrag seit 50 Tagen überfällig' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Säumniszuschlag: 1 % von 650,00 € für 2 angefangene Monate (§ 240 AO)' })).toBeVisible();
    await expect(page.getByRole('cell', { name: `Mahngebühr für die Mahnung vom ${inDays(-36)}` })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Betrag, seit 50 Tagen überfällig: 669,50 €' })).toBeChecked();
    await expect(page.getByText('Ausgewählt: 669,50 €')).toBeVisible();
    const payload = await decodeQr(page.getByRole('img', { name: /GiroCode für eine Überweisung über 669,50 €/ }));
    const lines = payload.split('\n');
    expect(lines[5]).toBe('Stadt Musterstadt');
    expect(lines[6]).toBe('DE09123456780001234567');
    expect(lines[7]).toBe('EUR669.50');
    expect(lines[10], 'the Kassenzeichen alone and unchanged').toBe(NOTICES.overdue.kz);
    await expectNoAxeViolations(page, 'overdue with charges');
  });

  test('the deferred instalment shows its new date and is not preselected; partly paid and paid ones say so', async ({ page }) => {
    await openFromQr(page, NOTICES.deferred);
    await expect(page.getByRole('rowheader', { name: `Rate 2 gestundet bis ${inDays(45)}; Sie dürfen schon jetzt zahlen` })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Rate 2, gestundet bis/ })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: `Rate 3, fällig am ${inDays(70)}: 420,00 €` })).toBeChecked();
    await expect(page.getByRole('rowheader', { name: `Rate 1 bezahlt am ${inDays(-61)}` })).toBeVisible();
    await expectNoAxeViolations(page, 'deferred');
    // Signing out leaves nothing of the notice in the tab.
    await page.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
    await historyStep(page, 'back');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bescheid bezahlen' })).toBeVisible();
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('0205');
    await page.goto(`/zahlen/bescheid`);
    await expect(page.getByRole('heading', { level: 1, name: 'Bescheid bezahlen' })).toBeVisible();
    // Another letter in the same tab: only that notice is shown.
    await openFromQr(page, NOTICES.partly);
    await expect(page.getByText('100,00 € bezahlt, 212,40 € offen')).toBeVisible();
    await expect(page.getByText('Gewerbesteuer')).toHaveCount(0);
    await expectNoAxeViolations(page, 'partly paid');
  });

  test('manual entry: clear errors, one generic message, the lockout in minutes; then a typed pair with any separators', async ({ page }) => {
    provokesNetworkErrors(); // 401 and 429 answers are logged by the browser
    await page.goto('/zahlen');
    await expect(page.getByRole('heading', { level: 1, name: 'Bescheid bezahlen' })).toBeVisible();
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('link', { name: 'Bitte geben Sie das Kassenzeichen ein.' })).toBeVisible();
    await expectNoAxeViolations(page, 'login errors');
    const unknown = `9.9999.${Date.now() % 1000000}.1`;
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('Kassenzeichen').fill(unknown);
      await page.getByLabel('Zugangscode').fill('AAAA-BBBB');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect(page.locator('#login-failure')).toHaveText('Kassenzeichen oder Zugangscode stimmen nicht.');
    }
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.locator('#login-failure')).toHaveText(/in 15 Minuten erneut/);
    await expect(page.locator('#login-failure')).toBeFocused();
    await expectNoAxeViolations(page, 'locked out');
    await page.getByLabel('Kassenzeichen').fill('6 0500 000206 8');
    await page.getByLabel('Zugangscode').fill('m9wh5kdr');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sondernutzungsgebühr Marktstand' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Betrag, heute fällig: 45,00 €' })).toBeChecked();
  });

  test('found from the start page by the words citizens use: Knöllchen, Kassenzeichen', async ({ page }) => {
    await page.goto('/');
    const search = page.getByLabel('Dienst suchen');
    await search.fill('Knöllchen');
    await expect(page.getByRole('link', { name: 'Verwarnungs- oder Bußgeld: Anhörung beantworten oder bezahlen' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('1 Dienst gefunden');
    await search.fill('strafzettel');
    await expect(page.getByRole('link', { name: /^Verwarnungs- oder Bußgeld/ })).toBeVisible();
    await search.fill('Kassenzeichen');
    await expect(page.getByText('Betrag laut Ihrem Schreiben').first()).toBeVisible();
    await expectNoAxeViolations(page, 'search for letters');
    await page.getByRole('link', { name: 'Bescheid bezahlen' }).click();
    await expect(page).toHaveURL(/\/zahlen$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Bescheid bezahlen' })).toBeVisible();
  });

  test('a link with only the Kassenzeichen fills it in and asks for the code', async ({ page }) => {
    await page.goto(`/zahlen#kz=${NOTICES.dogTax.kz}`);
    await expect(page.getByLabel('Kassenzeichen')).toHaveValue(NOTICES.dogTax.kz);
    expect(page.url()).not.toContain('#');
  });

  test('keyboard only at 320 px: choose an instalment and reach the checkout', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await openFromQr(page, NOTICES.propertyTax);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'property tax at 320 px');
    const boxes = page.getByRole('checkbox');
    const last = boxes.last();
    await last.focus();
    await page.keyboard.press('Space');
    await expect(last).toBeChecked();
    await page.getByRole('button', { name: 'Online bezahlen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
    await expect(page.getByText(`Kassenzeichen ${NOTICES.propertyTax.kz}`)).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
