import { test, expect, provokesNetworkErrors } from './fixtures';
import { SHORT_SESSION_URL } from '../playwright.config';
import { Page } from '@playwright/test';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const JS_LINK = 'javascript:window.__xss=1';
const UNICODE = '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ÄÖÜß ‮RTL‬ 👩‍👩‍👧 ';

/** Fails the test if anything hostile ran: a dialog, or the trap variable set. */
async function armTrap(page: Page) {
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
}

async function expectNothingRan(page: Page) {
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  expect(await page.locator('main img[src="x"], main script').count(), 'no element from the input').toBe(0);
}

test.describe('hostile input is shown as text and never runs', () => {
  test('GiroCode generator: recipient and remittance', async ({ page }) => {
    await armTrap(page);
    await page.goto('/girocode');
    await page.getByLabel('Empfänger').fill(`${SCRIPT}`.slice(0, 70));
    await page.getByLabel('IBAN').fill('DE89370400440532013000');
    await page.getByLabel('Betrag in Euro').fill('1');
    await page.getByLabel('Verwendungszweck').fill(IMG);
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    const data = page.locator('.transfer-data');
    await expect(data).toContainText(SCRIPT);
    await expect(data).toContainText(IMG);
    await expectNothingRan(page);
    await page.getByLabel('Verwendungszweck').fill(JS_LINK);
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    await expect(data).toContainText(JS_LINK);
    await expect(page.locator(`a[href^="javascript"]`)).toHaveCount(0);
    await expectNothingRan(page);
  });

  test('wizard: names and addresses on the check page and after sending', async ({ page }) => {
    await armTrap(page);
    const version = (await (await page.request.get('/api/v1/services/melderegisterauskunft')).json()).form.version;
    const addr = { street: IMG.slice(0, 40), house_number: '1', postal_code: '12345', town: JS_LINK };
    const answers = {
      gesucht_vorname: SCRIPT.slice(0, 30), gesucht_nachname: UNICODE, gesucht_geburtsdatum: '1970-02-28',
      gesucht_anschrift: addr, zweck: 'gewerblich', werbung: 'no',
      vorname: 'Sabine', nachname: IMG.slice(0, 40), firma: JS_LINK,
      anschrift: addr, email: 's.hoffmann@example.org',
    };
    await page.goto('/');
    await page.evaluate(([v, a]) => sessionStorage.setItem('answers:melderegisterauskunft', JSON.stringify({ version: v, answers: a })), [version, answers] as const);
    await page.goto('/leistungen/melderegisterauskunft/pruefen');
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    await expect(page.getByText(SCRIPT.slice(0, 30), { exact: true })).toBeVisible();
    await expect(page.getByText(UNICODE.trim(), { exact: false }).first()).toBeVisible();
    await expect(page.getByText(JS_LINK, { exact: true })).toBeVisible();
    await expectNothingRan(page);
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    await expectNothingRan(page);
  });

  test('feedback: hostile text is accepted as text', async ({ page }) => {
    await armTrap(page);
    await page.goto('/barrierefreiheit');
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill(`${IMG} ${SCRIPT} ${JS_LINK} ${UNICODE.repeat(10)}`);
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vielen Dank' })).toBeVisible();
    await expectNothingRan(page);
  });

  test('payment provider page: a hostile account holder is echoed escaped', async ({ page }) => {
    provokesNetworkErrors(); // the provider answers the invalid IBAN with 422
    await armTrap(page);
    const version = (await (await page.request.get('/api/v1/services/melderegisterauskunft')).json()).form.version;
    const res = await page.request.post('/api/v1/applications', {
      headers: { 'Idempotency-Key': `xss-${Date.now()}` },
      data: {
        service_id: 'melderegisterauskunft', form_version: version,
        answers: {
          gesucht_vorname: 'Klaus', gesucht_nachname: 'Weber', gesucht_anschrift: { street: 'A', house_number: '1', postal_code: '12345', town: 'M' },
          zweck: 'gewerblich', werbung: 'no', vorname: 'S', nachname: 'H', anschrift: { street: 'A', house_number: '1', postal_code: '12345', town: 'M' }, email: 'a@b.de',
        },
      },
    });
    expect(res.status()).toBe(201);
    const reference = (await res.json()).reference;
    const pay = await page.request.post('/api/v1/payments', {
      headers: { 'Idempotency-Key': `xss-pay-${Date.now()}` },
      data: { items: [{ kind: 'application', reference }], method: 'SEPA_DIRECT_DEBIT', return_url: '/kasse/rueckkehr' },
    });
    const payment = await pay.json();
    await page.goto(payment.redirect_url);
    await page.getByLabel('Kontoinhaberin oder Kontoinhaber').fill(IMG);
    await page.getByLabel('IBAN').fill('DE00 0000');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await expect(page.getByLabel('Kontoinhaberin oder Kontoinhaber')).toHaveValue(IMG);
    await expectNothingRan(page);
  });
});

test.describe('hostile input in the hearing', () => {
  test.use({ baseURL: SHORT_SESSION_URL });

  test('statement text and names on the check page, the receipt and the copy', async ({ page }) => {
    await armTrap(page);
    await page.goto('/anhoerung#az=OWI-2026-000103&code=P8CF-2LYU');
    await page.getByRole('link', { name: 'Zeugenfragebogen ausfüllen' }).click();
    await page.getByLabel('Geburtsdatum').fill('01.01.1980');
    await page.getByLabel('Geburtsort').fill(JS_LINK);
    await page.getByLabel('Staatsangehörigkeit').fill(UNICODE);
    await page.getByLabel('Beruf').fill(SCRIPT.slice(0, 30));
    await page.getByLabel('ledig').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Ich möchte etwas anderes mitteilen').check();
    const statement = `${IMG}\n${SCRIPT}\n${JS_LINK}\n${UNICODE.repeat(8)}`;
    await page.getByLabel('Ihre Stellungnahme').fill(statement);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    await expect(page.getByText(IMG, { exact: false })).toBeVisible();
    await expect(page.getByText(JS_LINK, { exact: true })).toBeVisible();
    await expectNothingRan(page);
    await page.getByRole('button', { name: 'Antwort verbindlich absenden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Antwort gesendet' })).toBeVisible();
    await expect(page.locator('.receipt-copy')).toContainText(SCRIPT);
    await expect(page.locator('.receipt-copy')).toContainText(IMG);
    await expectNothingRan(page);
  });
});
