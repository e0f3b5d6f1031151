import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, historyStep, linesOf, provokesNetworkErrors, recordRestores } from './fixtures';
import { decodeQr } from './qr';
import { SHORT_SESSION_URL } from '../playwright.config';
import { APIRequestContext, Page } from '@playwright/test';

const address = (street: string, no: string, postal: string) => ({ street, house_number: no, postal_code: postal, town: 'Musterstadt' });

/** A 7 € register information application, created through the API like the wizard does. */
async function createApplication(request: APIRequestContext) {
  const body = {
    service_id: 'melderegisterauskunft',
    form_version: (await (await request.get('/api/v1/services/melderegisterauskunft')).json()).form.version,
    answers: {
      gesucht_vorname: 'Klaus', gesucht_nachname: 'Weber', gesucht_geburtsdatum: '1970-02-28',
      gesucht_anschrift: address('Ringstraße', '7', '12345'), zweck: 'gewerblich', werbung: 'no',
      vorname: 'Sabine', nachname: 'Hoffmann', firma: 'Inkasso Hoffmann GmbH',
      anschrift: address('Hauptstraße', '1', '54321'), email: 's.hoffmann@example.org',
    },
  };
  const res = await request.post('/api/v1/applications', { data: body, headers: { 'Idempotency-Key': `e2e-${Math.random()}` } });
  expect(res.status()).toBe(201);
  return res.json();
}

/** Opens the application's confirmation (as after the wizard) and puts the fee in the cart. */
async function feeToCheckout(page: Page, request: APIRequestContext) {
  const receipt = await createApplication(request);
  await page.goto('/');
  await page.evaluate((r) => sessionStorage.setItem('receipt:melderegisterauskunft', JSON.stringify(r)), receipt);
  await page.goto('/leistungen/melderegisterauskunft/bestaetigung');
  await page.getByRole('button', { name: 'Online bezahlen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '7,00 €' }).first()).toBeVisible();
  return receipt.reference as string;
}

async function fineToCheckout(page: Page, az: string, code: string) {
  await page.goto(`/anhoerung#az=${az}&code=${code}`);
  await page.getByRole('button', { name: 'Online bezahlen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
}

async function choose(page: Page, method: string) {
  await page.getByLabel(method, { exact: true }).check();
  await expectNoAxeViolations(page, `checkout ${method}`);
}

/** Pays and lands on the provider page; the payment as the API reports it. */
async function payAndReachProvider(page: Page) {
  await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click();
  await expect(page).toHaveURL(/\/mock-psp\/pay_[A-Za-z0-9]+$/);
  const id = new URL(page.url()).pathname.split('/').pop();
  const payment = await (await page.request.get(`/api/v1/payments/${id}`)).json();
  expect(payment.status).toBe('INITIAL');
  return payment;
}

test.describe('checkout', () => {
  test('a wizard fee by card: provider page, receipt, application marked paid', async ({ page, request }) => {
    provokesNetworkErrors(); // the provider page answers a wrong card number with 422
    const reference = await feeToCheckout(page, request);
    await choose(page, 'Kreditkarte');
    const payment = await payAndReachProvider(page);
    await expectNoAxeViolations(page, 'provider card page');
    await page.getByLabel('Kartennummer').fill('4242 4242 4242 4241');
    await page.getByLabel('Ablaufdatum (MM/JJ)').fill('12/30');
    await page.getByLabel('Prüfnummer (CVC)').fill('123');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, 'provider card errors');
    await page.getByLabel('Kartennummer').fill('4242 4242 4242 4242');
    await page.getByLabel('Prüfnummer (CVC)').fill('123');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await expect(page).toHaveURL(/\/kasse\/rueckkehr$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await expect(page.getByText('Kreditkarte')).toBeVisible();
    await expectNoAxeViolations(page, 'receipt');
    expect((await (await request.get(`/api/v1/payments/${payment.id}`)).json()).status).toBe('PAYED');
    expect((await (await request.get(`/api/v1/applications/${reference}`)).json()).paid).toBe(true);
    // Reload shows the receipt again; back to the provider changes nothing.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('cart')), 'the cart is empty after paying').toBeNull();
    // Back lands on the provider's form POST (the browser asks before resubmitting); either
    // way nothing is paid again.
    await historyStep(page, 'back').catch(() => undefined);
    expect((await (await request.get(`/api/v1/payments/${payment.id}`)).json()).status).toBe('PAYED');
  });

  test('a fee by SEPA direct debit: an invalid IBAN is rejected on the provider page, keyboard only', async ({ page, request }) => {
    provokesNetworkErrors(); // the provider page answers an invalid IBAN with 422
    await feeToCheckout(page, request);
    await page.getByLabel('SEPA-Lastschrift', { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/mock-psp\//);
    await page.getByLabel('Kontoinhaberin oder Kontoinhaber').focus();
    await page.keyboard.type('Sabine Hoffmann');
    await page.getByLabel('IBAN').focus();
    await page.keyboard.type('DE89 3704 0044 0532 0130 01');
    await page.getByLabel('Ich erteile dieses SEPA-Lastschriftmandat.').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('IBAN');
    await expectNoAxeViolations(page, 'sepa errors');
    await page.getByLabel('IBAN').fill('');
    await page.getByLabel('IBAN').focus();
    await page.keyboard.type('DE89 3704 0044 0532 0130 00');
    const consent = page.getByLabel('Ich erteile dieses SEPA-Lastschriftmandat.');
    if (!(await consent.isChecked())) {
      await consent.focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await expect(page.getByText('SEPA-Lastschrift')).toBeVisible();
  });

  test('a fee by transfer: GiroCode, "offen" until the bank statement arrives, then "bezahlt"', async ({ page, request }) => {
    await feeToCheckout(page, request);
    await choose(page, 'Überweisung mit GiroCode');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/payments') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click(),
    ]);
    const payment = await res.json();
    expect(payment.redirect_url).toBeUndefined();
    await expect(page.getByRole('heading', { level: 1, name: 'Per Überweisung bezahlen' })).toBeVisible();
    await expect(page.getByText('Offen', { exact: true })).toBeVisible();
    const lines = (await decodeQr(page.getByRole('img', { name: /GiroCode/ }))).split('\n');
    expect(lines[7]).toBe('EUR7.00');
    expect(lines[10]).toBe(payment.transfer.remittance);
    await expectNoAxeViolations(page, 'transfer');
    const received = await request.post(`/api/v1/dev/transfers/${encodeURIComponent(payment.transfer.remittance)}/received`);
    expect(received.ok()).toBeTruthy();
    await page.getByRole('button', { name: 'Status aktualisieren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
  });

  test('fail and cancel keep the cart; "try again" starts a new attempt with a new key', async ({ page, request }) => {
    await feeToCheckout(page, request);
    await choose(page, 'PayPal');
    const first = await payAndReachProvider(page);
    await page.getByRole('button', { name: 'Zahlung fehlschlagen lassen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung fehlgeschlagen' })).toBeVisible();
    await expectNoAxeViolations(page, 'failed');
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('cell', { name: '7,00 €' }).first()).toBeVisible();
    await choose(page, 'PayPal');
    const second = await payAndReachProvider(page);
    expect(second.id).not.toBe(first.id);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung abgebrochen' })).toBeVisible();
    expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('cart'))) ?? '[]')).toHaveLength(1);
    expect((await (await request.get(`/api/v1/payments/${first.id}`)).json()).status).toBe('FAILED');
    expect((await (await request.get(`/api/v1/payments/${second.id}`)).json()).status).toBe('CANCELED');
  });

  test('a double click creates exactly one payment', async ({ page, request }) => {
    await feeToCheckout(page, request);
    await choose(page, 'Kreditkarte');
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/payments') && r.method() === 'POST') keys.push(r.headers()['idempotency-key']);
    });
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).dblclick();
    await expect(page).toHaveURL(/\/mock-psp\/pay_/);
    const id = new URL(page.url()).pathname.split('/').pop();
    // Whatever reached the server carried one key, so the server made one payment: the one we are on.
    expect(new Set(keys).size).toBe(1);
    // The attempt (key + exact body) is still in sessionStorage on the provider page (same tab).
    const attempt = JSON.parse((await page.evaluate(() => sessionStorage.getItem('payment-attempt'))) ?? '{}');
    expect(attempt.key).toBe(keys[0]);
    const replay = await page.request.post('/api/v1/payments', { headers: { 'Idempotency-Key': attempt.key }, data: JSON.parse(attempt.body) });
    expect(replay.status(), 'the same key and body replay the same payment').toBe(200);
    expect((await replay.json()).id).toBe(id);
  });

  test('a lost create response and a reload during the redirect still lead to one payment', async ({ page, request }) => {
    provokesNetworkErrors();
    await feeToCheckout(page, request);
    await choose(page, 'Kreditkarte');
    let created: string | undefined;
    // The server creates the payment, but its answer never reaches the browser.
    await page.route('**/api/v1/payments', async (route) => {
      const res = await route.fetch();
      created = (await res.json()).id;
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click();
    await expect(page.getByRole('alert')).toContainText('Keine Verbindung');
    await page.unroute('**/api/v1/payments');
    await page.reload();
    await choose(page, 'Kreditkarte');
    const again = await payAndReachProvider(page);
    expect(again.id, 'the retry got the payment the lost answer had created').toBe(created);
    await page.reload();
    await expect(page).toHaveURL(new RegExp(`/mock-psp/${created}$`));
    await page.getByLabel('Kartennummer').fill('4242424242424242');
    await page.getByLabel('Ablaufdatum (MM/JJ)').fill('12/30');
    await page.getByLabel('Prüfnummer (CVC)').fill('123');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    expect((await (await request.get(`/api/v1/payments/${created}`)).json()).status).toBe('PAYED');
  });
});

// Fines change the seeded cases for good: pay them on the second backend, whose cases the
// hearing suite does not assert (it only uses case 107 there, for the timeout).
test.describe('checkout of fines', () => {
  test.use({ baseURL: SHORT_SESSION_URL });

  test('a fine by PayPal: the hearing then shows "Bezahlt"; back twice shows nothing stale', async ({ page }) => {
    const restored = await recordRestores(page);
    await fineToCheckout(page, 'OWI-2026-000102', 'R4WD-9HNE');
    await expect(page.getByRole('cell', { name: '115,00 €' }).first()).toBeVisible();
    // A fine cannot be added twice.
    await page.goto('/anhoerung/fall');
    await page.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('button', { name: /^Entfernen/ })).toHaveCount(1);
    await choose(page, 'PayPal');
    await payAndReachProvider(page);
    await expectNoAxeViolations(page, 'provider paypal');
    await page.getByRole('button', { name: 'Freigeben' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    // Back twice, as on a phone (the back/forward cache keeps both pages as they were left).
    // The provider's page says at once that the payment is over ...
    await historyStep(page, 'back');
    await expect(page.getByRole('heading', { level: 1, name: 'Diese Zahlung ist bereits abgeschlossen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Freigeben' })).toHaveCount(0);
    // ... and the checkout is not the one left behind: nothing to pay, no spinner button.
    await historyStep(page, 'back');
    await expect(page).toHaveURL(/\/kasse$/);
    await expect(page.getByText('Es gibt nichts zu bezahlen.')).toBeVisible();
    await expect(page.getByRole('link', { name: /^Bezahlen \(/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Zahlung wird vorbereitet|Zahlungspflichtig bezahlen/ })).toHaveCount(0);
    // The report comes through an exposed binding, a moment after `pageshow`.
    await expect.poll(() => restored, { message: 'the checkout came back from the back/forward cache' }).toContain('/kasse');
    await expectNoAxeViolations(page, 'checkout restored after paying');
    // Forward again: the provider's page (its final state), then the receipt.
    await historyStep(page, 'forward');
    await expect(page.getByRole('heading', { level: 1, name: 'Diese Zahlung ist bereits abgeschlossen' })).toBeVisible();
    await historyStep(page, 'forward');
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await page.goto('/anhoerung/fall');
    await expect(page.getByText('Bezahlt', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Online bezahlen' })).toHaveCount(0);
  });

  test('a fine is paid only in its hearing session: after signing out the checkout says to sign in', async ({ page, request }) => {
    await fineToCheckout(page, 'OWI-2026-000106', 'W2YJ-8DMP');
    await page.goto('/anhoerung/fall');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page).toHaveURL(/\/anhoerung$/);
    await page.goto('/kasse');
    await expect(page.getByRole('cell', { name: '30,00 €' }).first()).toBeVisible();
    // Said in the fine's row before anything is sent; nothing else to pay, so no pay button.
    const row = page.getByRole('row', { name: /OWI-2026-000106/ });
    await expect(row).toContainText('melden Sie sich bitte mit Aktenzeichen und Zugangscode aus dem Schreiben zu diesem Fall an');
    await expect(page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' })).toHaveCount(0);
    await expect(page).toHaveURL(/\/kasse$/);
    await expectNoAxeViolations(page, 'checkout needs the hearing session');
    // The row links to the sign-in, which leads back to the checkout; the same cart then pays
    // (cancelled at the provider: the case stays payable).
    await row.getByRole('link', { name: 'Für Fall OWI-2026-000106 anmelden' }).click();
    await expect(page.getByLabel('Aktenzeichen')).toHaveValue('OWI-2026-000106');
    await page.getByLabel('Aktenzeichen').fill('OWI-2026-000106');
    await page.getByLabel('Zugangscode').fill('W2YJ-8DMP');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page).toHaveURL(/\/kasse$/);
    await expect(page.getByRole('cell', { name: '30,00 €' }).first()).toBeVisible();
    await choose(page, 'PayPal');
    const payment = await payAndReachProvider(page);
    expect(payment.amount).toBe(3000);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(page).toHaveURL(/\/kasse\/rueckkehr/);
    expect((await (await request.get(`/api/v1/payments/${payment.id}`)).json()).status).toBe('CANCELED');
  });

  test('a fine by Wero at 360 px', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await fineToCheckout(page, 'OWI-2026-000101', 'K7MP-3XTA');
    await expectNoHorizontalScroll(page);
    await choose(page, 'Wero');
    await payAndReachProvider(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Freigeben' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test('two letters in one tab: the first case waits for its own sign-in, the rest is paid', async ({ page, request }) => {
    // Letter A: its fine into the cart; a fee too.
    await fineToCheckout(page, 'OWI-2026-000106', 'W2YJ-8DMP');
    const reference = await feeToCheckout(page, request);
    // Letter B's QR link in the same tab: a hearing session for case B.
    await page.goto('/anhoerung#az=OWI-2026-000107&code=F6UA-7CTW');
    await expect(page.getByText('Aktenzeichen OWI-2026-000107')).toBeVisible();
    await page.getByRole('link', { name: 'Bezahlen (2)' }).click();
    const fineA = page.getByRole('row', { name: /OWI-2026-000106/ });
    await expect(fineA).toContainText('Für den Fall OWI-2026-000106 sind Sie hier nicht angemeldet, deshalb ist er nicht in dieser Zahlung.');
    await expect(fineA.getByRole('link', { name: 'Für Fall OWI-2026-000106 anmelden' })).toBeVisible();
    await expect(fineA.getByRole('button', { name: /^Entfernen/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Summe dieser Zahlung/ })).toContainText('7,00 €');
    await expectNoAxeViolations(page, 'checkout with a case that needs its own sign-in');
    // The fee is paid at once; case A's fine is not sent and stays in the cart.
    await choose(page, 'PayPal');
    const payment = await payAndReachProvider(page);
    expect(payment.items.map((i: { reference: string }) => i.reference)).toEqual([reference]);
    await page.getByRole('button', { name: 'Freigeben' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await page.getByRole('link', { name: 'Bezahlen (1)' }).click();
    // Signing in for case A makes its fine payable here.
    await fineA.getByRole('link', { name: 'Für Fall OWI-2026-000106 anmelden' }).click();
    await expect(page.getByLabel('Aktenzeichen')).toHaveValue('OWI-2026-000106');
    await page.getByLabel('Zugangscode').fill('W2YJ-8DMP');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page).toHaveURL(/\/kasse$/);
    await expect(fineA).toBeVisible();
    await expect(page.getByText('nicht angemeldet')).toHaveCount(0);
    await expect(page.getByRole('row', { name: /Gesamt/ })).toContainText('30,00 €');
    await expect(page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' })).toBeVisible();
  });
});

test.describe('checkout at 360 px', () => {
  test('long words wrap whole; a case number and a reference never break inside', async ({ page, request }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const reference = await feeToCheckout(page, request);
    await fineToCheckout(page, 'OWI-2026-000102', 'R4WD-9HNE');
    await expectNoHorizontalScroll(page);
    const fee = page.getByRole('cell', { name: /Melderegisterauskunft/ }).first();
    const fine = page.getByRole('cell', { name: /OWI-2026-000102/ }).first();
    expect(await linesOf(fee, 'Melderegisterauskunft'), 'the word is whole on one line').toBe(1);
    expect(await linesOf(fee, reference), 'the reference on one line').toBe(1);
    expect(await linesOf(fine, 'OWI-2026-000102'), 'the case number on one line').toBe(1);
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page);
    expect(await linesOf(fine, 'OWI-2026-000102')).toBe(1);
  });
});
