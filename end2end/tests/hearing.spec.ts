import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, historyStep, waitForApp, provokesNetworkErrors } from './fixtures';
import { decodeQr } from './qr';
import { SHORT_SESSION_URL } from '../playwright.config';
import { Page } from '@playwright/test';

const CASES = {
  warning: { az: 'OWI-2026-000101', code: 'K7MP-3XTA' },
  fine: { az: 'OWI-2026-000102', code: 'R4WD-9HNE' },
  witness: { az: 'OWI-2026-000103', code: 'P8CF-2LYU' },
  passed: { az: 'OWI-2026-000104', code: 'H3NS-6GAV' },
  paid: { az: 'OWI-2026-000105', code: 'T9BX-4KRE' },
  answered: { az: 'OWI-2026-000106', code: 'W2YJ-8DMP' },
  lastDay: { az: 'OWI-2026-000107', code: 'F6UA-7CTW' },
  // Paid by the test below; no other test uses it.
  toBePaid: { az: 'OWI-2026-000108', code: 'B5NC-4HRT' },
};

/** The case as the API sends it, with the session the app keeps. */
async function caseFromApi(page: Page) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('hearing-session') ?? '{}').token);
  return (await page.request.get('/api/v1/hearings/current', { headers: { Authorization: `Bearer ${token}` } })).json();
}

/** `2026-12-01` → `01.12.2026`. */
const germanDate = (iso: string) => iso.split('-').reverse().join('.');

async function openFromQr(page: Page, c: { az: string; code: string }) {
  await page.goto(`/anhoerung#az=${encodeURIComponent(c.az)}&code=${encodeURIComponent(c.code)}`);
  await expect(page.getByText(`Aktenzeichen ${c.az}`)).toBeVisible();
}

test.describe('online hearing', () => {
  test('the QR link logs in, and the code is gone from the address bar and history', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await openFromQr(page, CASES.warning);
    expect(page.url()).not.toContain('#');
    expect(page.url()).not.toContain('K7MP');
    await expect(page).toHaveURL(/\/anhoerung\/fall$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Anhörung zu einer Ordnungswidrigkeit' })).toBeVisible();
    await historyStep(page, 'back');
    expect(page.url(), 'no history entry keeps the code').not.toContain('code=');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('K7MP');
  });

  test('a letter\'s QR link opened while the sign-in page shows (only the fragment changes) logs in', async ({ page }) => {
    await page.goto('/anhoerung');
    await waitForApp(page);
    await expect(page.getByLabel('Aktenzeichen')).toBeVisible();
    // Same path, new fragment: the browser navigates within the page, the app is not reloaded.
    await page.goto(`/anhoerung#az=${CASES.fine.az}&code=${CASES.fine.code}`);
    await expect(page.getByText(`Aktenzeichen ${CASES.fine.az}`)).toBeVisible();
    await expect(page).toHaveURL(/\/anhoerung\/fall$/);
    expect(page.url()).not.toContain('code=');
  });

  test('open warning fine: accusation, deadline, evidence with alt text, GiroCode with the Kassenzeichen', async ({ page }) => {
    await openFromQr(page, CASES.warning);
    await expect(page.getByText('Offen', { exact: true })).toBeVisible();
    await expect(page.getByText(/noch 7 Tage/)).toBeVisible();
    await expect(page.getByText('Verwarnungsgeld', { exact: true })).toBeVisible();
    const photo = page.getByRole('img', { name: /^Foto: Ein Pkw mit dem Kennzeichen MU-/ }).first();
    await expect(photo).toBeVisible();
    await page.getByRole('button', { name: 'Foto vergrößern' }).first().click();
    await expect(page.getByRole('button', { name: 'Foto verkleinern' }).first()).toHaveAttribute('aria-pressed', 'true');
    const payload = await decodeQr(page.getByRole('img', { name: /GiroCode für eine Überweisung über 35,00 €/ }));
    const lines = payload.split('\n');
    expect(lines[0]).toBe('BCD');
    expect(lines[5]).toBe('Stadt Musterstadt');
    expect(lines[7]).toBe('EUR35.00');
    expect(lines[10]).toMatch(/^\d\.\d{4}\.\d{6}\.\d$/);
    await expect(page.getByText('Teilzahlungen sind nicht möglich.', { exact: false })).toBeVisible();
    await expectNoAxeViolations(page, 'open warning fine');
  });

  for (const [name, c, expectText, noPay] of [
    ['witness', CASES.witness, 'Zeugenfragebogen', 'Als Zeugin oder Zeuge zahlen Sie nichts.'],
    ['deadline passed', CASES.passed, 'Frist abgelaufen', 'Eine Zahlung ist nicht mehr möglich'],
    ['paid', CASES.paid, 'Bezahlt', 'Der Betrag ist bezahlt.'],
  ] as const) {
    test(`seeded state "${name}" renders its wording and no payment`, async ({ page }) => {
      await openFromQr(page, c);
      await expect(page.getByText(expectText, { exact: true }).first()).toBeVisible();
      await expect(page.getByText(noPay, { exact: false })).toBeVisible();
      await expect(page.getByRole('img', { name: /GiroCode/ })).toHaveCount(0);
      await expectNoAxeViolations(page, name);
    });
  }

  test('a paid case says when it was paid instead of counting down its deadline', async ({ page }) => {
    await openFromQr(page, CASES.toBePaid);
    await expect(page.getByText(/noch 10 Tage/)).toBeVisible();
    await page.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
    await page.getByLabel('PayPal', { exact: true }).check();
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click();
    await expect(page).toHaveURL(/\/mock-psp\/pay_[A-Za-z0-9]+$/);
    await page.getByRole('button', { name: 'Freigeben' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await page.goto('/anhoerung/fall');
    await expect(page.getByText('Bezahlt', { exact: true })).toBeVisible();
    const c = await caseFromApi(page);
    expect(c.status).toBe('paid');
    expect(c.paid_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByText(`bezahlt am ${germanDate(c.paid_on)}`, { exact: true })).toBeVisible();
    // No countdown, no deadline row: nothing is due any more.
    await expect(page.getByText(/noch \d+ Tage?\)|letzte Tag/)).toHaveCount(0);
    await expect(page.getByText('Frist', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Online bezahlen' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'paid case');
  });

  test('the seeded paid case says when it was paid', async ({ page }) => {
    await openFromQr(page, CASES.paid);
    const paid = await caseFromApi(page);
    await expect(page.getByText(`bezahlt am ${germanDate(paid.paid_on)}`, { exact: true })).toBeVisible();
    await expect(page.getByText(/noch \d+ Tage?\)|letzte Tag/)).toHaveCount(0);
  });

  test('the seeded answered case says when it was answered and keeps the payment deadline', async ({ page }) => {
    await openFromQr(page, CASES.answered);
    const answered = await caseFromApi(page);
    await expect(page.getByText(`geantwortet am ${germanDate(answered.response.received_at.slice(0, 10))}`, { exact: true })).toBeVisible();
    // The warning fine may still be paid: its deadline stays, named as the payment deadline.
    await expect(page.getByText('Zahlungsfrist', { exact: true })).toBeVisible();
  });

  test('seeded state "already answered" shows the receipt reference and offers no new answer', async ({ page }) => {
    await openFromQr(page, CASES.answered);
    await expect(page.getByText('Beantwortet', { exact: true })).toBeVisible();
    await expect(page.getByText(/Eine weitere Antwort ist nicht möglich/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' })).toHaveCount(0);
    await page.goto('/anhoerung/angaben');
    await expect(page).toHaveURL(/\/anhoerung\/fall$/);
    await expectNoAxeViolations(page, 'answered');
  });

  test('manual login: wrong code gets one generic message; the 6th try of an unknown case is locked out', async ({ page }) => {
    provokesNetworkErrors();
    await page.goto('/anhoerung');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('link', { name: 'Bitte geben Sie das Aktenzeichen ein.' })).toBeVisible();
    await expectNoAxeViolations(page, 'login errors');
    const unknown = `OWI-2026-9${Date.now() % 100000}`;
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('Aktenzeichen').fill(unknown);
      await page.getByLabel('Zugangscode').fill('AAAA-BBBB');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect(page.locator('#login-failure')).toHaveText('Aktenzeichen oder Zugangscode stimmen nicht.');
    }
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.locator('#login-failure')).toHaveText(/in 15 Minuten erneut/);
    await expect(page.locator('#login-failure')).toBeFocused();
  });

  test('statement path, keyboard only: personal data (prefilled), contest with text, check, send, receipt; back never resends', async ({ page, request }) => {
    await openFromQr(page, CASES.fine);
    await page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben zur Person' })).toBeFocused();
    await expect(page.getByLabel('Familienname', { exact: true })).not.toHaveValue('');
    // Continue with nothing new filled: the summary lists what is missing and takes focus.
    await page.getByRole('button', { name: 'Weiter' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /Geburtsdatum/ })).toBeVisible();
    await expectNoAxeViolations(page, 'personal data errors');
    await page.getByLabel('Geburtsdatum').focus();
    await page.keyboard.type('14.03.1985');
    await page.getByLabel('Geburtsort').focus();
    await page.keyboard.type('Musterstadt');
    await page.getByLabel('Staatsangehörigkeit').focus();
    await page.keyboard.type('deutsch');
    await page.getByLabel('Beruf').focus();
    await page.keyboard.type('Tischlerin');
    await page.getByLabel('ledig').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Weiter' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Äußerung zum Vorwurf' })).toBeFocused();
    await expect(page.getByText('Niemand muss sich zum Vorwurf äußern.', { exact: false })).toBeVisible();
    await page.getByLabel('Ich bestreite den Verstoß').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Ihre Stellungnahme').focus();
    await page.keyboard.type('Ich war zu dieser Zeit <b>nicht</b> in Musterstadt.');
    await expect(page.getByText(/Noch \d+ Zeichen/)).toBeVisible();
    await page.getByRole('button', { name: 'Weiter' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeFocused();
    await expect(page.getByText('Ich bestreite den Verstoß')).toBeVisible();
    await expect(page.getByText('Ich war zu dieser Zeit <b>nicht</b> in Musterstadt.')).toBeVisible();
    await expectNoAxeViolations(page, 'hearing check');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/hearings/current/response')),
      (async () => {
        await page.getByRole('button', { name: 'Antwort verbindlich absenden' }).focus();
        await page.keyboard.press('Enter');
      })(),
    ]);
    expect(response.status()).toBe(201);
    const receipt = await response.json();
    await expect(page).toHaveURL(/\/anhoerung\/quittung$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Antwort gesendet' })).toBeVisible();
    await expect(page.getByText(receipt.reference, { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'hearing receipt');
    await page.reload();
    await expect(page.getByText(receipt.reference, { exact: true })).toBeVisible();
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/response')) posts++; });
    await page.goBack();
    await expect(page).not.toHaveURL(/pruefen/);
    expect(posts).toBe(0);
    // Through the API: the case now carries exactly this response.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('hearing-session') ?? '{}').token);
    const c = await (await request.get('/api/v1/hearings/current', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(c.status).toBe('answered');
    expect(c.response.reference).toBe(receipt.reference);
  });

  test('witness path at 360 px: name the driver with the warning, check, send', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openFromQr(page, CASES.witness);
    await expectNoHorizontalScroll(page);
    await page.getByRole('link', { name: 'Zeugenfragebogen ausfüllen' }).click();
    await page.getByLabel('Geburtsdatum').fill('01.02.1970');
    await page.getByLabel('Geburtsort').fill('Köln');
    await page.getByLabel('Staatsangehörigkeit').fill('deutsch');
    await page.getByLabel('Beruf').fill('Lehrer');
    await page.getByLabel('verheiratet', { exact: true }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wer ist gefahren?' })).toBeVisible();
    await expect(page.getByText('Wer wissentlich eine falsche Person benennt, macht sich strafbar', { exact: false })).toBeVisible();
    await page.getByLabel('Ich bin nicht gefahren und nenne die Person, die gefahren ist').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('link', { name: /Familienname der Person, die gefahren ist/ })).toBeVisible();
    await page.getByLabel('Familienname der Person, die gefahren ist').fill('Beispiel');
    await page.getByLabel('Vornamen der Person, die gefahren ist').fill('Erika');
    await page.getByLabel('Straße').nth(0).fill('Am Markt');
    await page.getByLabel('Hausnummer').fill('3');
    await page.getByLabel('Postleitzahl').fill('1234');
    await page.getByLabel('Ort').fill('Musterstadt');
    await page.getByLabel('Geburtsdatum der Person, die gefahren ist').fill('05.06.1990');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('link', { name: 'Die Postleitzahl hat 5 Ziffern.' })).toBeVisible();
    await page.getByLabel('Postleitzahl').fill('12345');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Antwort verbindlich absenden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Antwort gesendet' })).toBeVisible();
    await expect(page.locator('.receipt-copy')).toContainText('Erika Beispiel, Am Markt 3, 12345 Musterstadt');
    await expectNoHorizontalScroll(page);
  });

  test('logout clears the token and the case data from storage', async ({ page }) => {
    await openFromQr(page, CASES.lastDay);
    await expect(page.getByText(/heute ist der letzte Tag/)).toBeVisible();
    await page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' }).click();
    await page.getByLabel('Beruf').fill('Ärztin');
    await page.getByRole('link', { name: 'Zurück' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Anhörung' })).toBeVisible();
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    expect(keys.filter((k) => k.startsWith('hearing-session') || k.startsWith('answers:anhoerung'))).toEqual([]);
    await page.goto('/anhoerung/fall');
    await expect(page).toHaveURL(/\/anhoerung$/);
  });
});

test.describe('hearing session timeout', () => {
  test.use({ baseURL: SHORT_SESSION_URL });

  test('warns two minutes before the end, extends, and after expiry keeps the typed text through a new login', async ({ page }) => {
    await page.clock.install();
    await openFromQr(page, CASES.lastDay);
    await page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' }).click();
    await page.getByLabel('Beruf').fill('Bäckerin');
    await page.clock.runFor(12_000);
    const warning = page.getByRole('alert').filter({ hasText: 'Ihre Sitzung endet in 2 Minute(n)' });
    await expect(warning).toBeVisible();
    await expectNoAxeViolations(page, 'session warning');
    await page.getByRole('button', { name: 'Sitzung verlängern' }).click();
    await expect(warning).toHaveCount(0);
    // Let it run out: the server's window is 130 s.
    await page.clock.runFor(131_000);
    await expect(page.getByRole('alert').filter({ hasText: 'Ihre Sitzung ist abgelaufen' })).toBeVisible();
    await page.getByRole('button', { name: 'Erneut anmelden' }).click();
    await expect(page.getByText('Ihre Eingaben sind in diesem Browser-Tab noch gespeichert.', { exact: false })).toBeVisible();
    await page.getByLabel('Aktenzeichen').fill(CASES.lastDay.az);
    await page.getByLabel('Zugangscode').fill(CASES.lastDay.code.toLowerCase().replace('-', ''));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben zur Person' })).toBeVisible();
    await expect(page.getByLabel('Beruf')).toHaveValue('Bäckerin');
  });
});
