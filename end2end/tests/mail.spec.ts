import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp } from './fixtures';
import type { Locator, Page } from '@playwright/test';

// E-mail receipts for everyone: what the backend sent shows in the mock's outbox (/mock-mail).
// Tests run in parallel against one backend, so each uses an address of its own.

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const unique = (who: string) => `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
const address = (street: string, no: string, postal: string) => ({ street, house_number: no, postal_code: postal, town: 'Musterstadt' });
const answers = (email: string) => ({
  gesucht_vorname: 'Klaus', gesucht_nachname: 'Weber', gesucht_geburtsdatum: '1970-02-28',
  gesucht_anschrift: address('Ringstraße', '7', '12345'), zweck: 'privat',
  vorname: 'Sabine', nachname: 'Hoffmann', anschrift: address('Hauptstraße', '1', '54321'), email,
});

/** The outbox entry sent to `to` (its subject is the link). */
const entryFor = (page: Page, to: string) => page.getByRole('listitem').filter({ hasText: to });

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('not reachable by Tab');
}

test.describe('e-mail receipts in the outbox', () => {
  test('an anonymous application: the receipt arrives and reads right', async ({ page }) => {
    const to = unique('sabine');
    const version = (await (await page.request.get('/api/v1/services/melderegisterauskunft')).json()).form.version;
    await page.goto('/');
    await waitForApp(page);
    await page.evaluate(([v, a]) => sessionStorage.setItem('answers:melderegisterauskunft', JSON.stringify({ version: v, answers: a })), [version, answers(to)] as const);
    await page.goto('/leistungen/melderegisterauskunft/pruefen');
    await expect(h1(page, 'Angaben prüfen')).toBeVisible();
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    const ref = (await page.locator('.reference [aria-hidden="true"]').innerText()).trim();
    expect(ref).toMatch(/^[A-HJ-NPR-Y2-9]{8}$/);

    await page.goto('/mock-mail');
    await expect(h1(page, 'Postausgang')).toBeVisible();
    const subject = `Eingangsbestätigung: Melderegisterauskunft, Referenz ${ref}`;
    await expect(entryFor(page, to).getByRole('link', { name: subject })).toBeVisible();
    await expectNoAxeViolations(page, 'outbox');
    await entryFor(page, to).getByRole('link', { name: subject }).click();

    await expect(h1(page, subject)).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: to })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'Stadt Musterstadt' })).toBeVisible();
    const text = page.getByRole('heading', { level: 2, name: /Textteil/ }).locator('xpath=following-sibling::pre[1]');
    await expect(text).toContainText(`Stadt Musterstadt hat Ihren Antrag „Melderegisterauskunft“ am`);
    await expect(text).toContainText(`Ihre Referenz: ${ref}.`);
    await expect(text).toContainText(/Gebühr: 7,00\s€ – noch nicht bezahlt\./);
    await expect(text).toContainText('Verwendungszweck');
    await expect(text).toContainText('So geht es weiter: ');
    await expect(text).toContainText('Zum Serviceportal: http://127.0.0.1:');
    // Nothing else the citizen typed.
    for (const typed of ['Klaus', 'Weber', 'Hoffmann', 'Hauptstraße']) await expect(text).not.toContainText(typed);
    await expectNoAxeViolations(page, 'one message');

    // The HTML part: under a sandbox policy, the link into the portal without any code.
    const htmlHref = await page.getByRole('link', { name: 'HTML-Teil als Seite ansehen' }).getAttribute('href');
    const part = await page.request.get(htmlHref ?? '');
    expect(part.headers()['content-security-policy']).toMatch(/^sandbox;/);
    const html = await part.text();
    expect(html).toContain(`Ihre Referenz: ${ref}.`);
    expect(html).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/konto">Zum Serviceportal<\/a>/);

    // The JSON variant for tests says the same.
    const all = await (await page.request.get('/mock-mail/messages.json')).json();
    const mine = all.filter((m: { to: string }) => m.to === to);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe(subject);
    expect(mine[0].lang).toBe('de');
  });

  test('a booking confirmation arrives with the code, never the change link', async ({ page }) => {
    const to = unique('erika');
    await page.goto('/termin');
    await expect(h1(page, 'Ihre Anliegen')).toBeVisible();
    await page.getByLabel('Personalausweis beantragen', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('radio', { name: 'Bürgerbüro Nord' }).check();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('button', { name: /freie Uhrzeit/ }).last().click();
    const time = page.getByRole('group', { name: /^Freie Uhrzeiten am / }).getByRole('radio').last();
    const at = (await time.getAttribute('value')) ?? '';
    await time.check();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(h1(page, 'Ihre Angaben')).toBeVisible();
    await page.getByLabel('Vor- und Nachname').fill('Erika Mustermann');
    await page.getByLabel('E-Mail-Adresse').fill(to);
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(h1(page, 'Ihr Termin ist gebucht')).toBeVisible();
    const code = ((await page.locator('.reference span[aria-hidden="true"]').textContent()) ?? '').trim();
    const changeLink = (await page.getByRole('link', { name: 'Link zu diesem Termin' }).getAttribute('href')) ?? '';
    const key = changeLink.split('key=')[1] ?? '';
    expect(key).not.toBe('');

    await page.goto('/mock-mail');
    const link = entryFor(page, to).getByRole('link', { name: /^Terminbestätigung: / });
    await expect(link).toBeVisible();
    await link.click();
    await expect(h1(page, /^Terminbestätigung: /)).toBeVisible();
    const text = page.getByRole('heading', { level: 2, name: /Textteil/ }).locator('xpath=following-sibling::pre[1]');
    await expect(text).toContainText('Guten Tag Erika Mustermann,');
    await expect(text).toContainText('Ihr Termin im Bürgerbüro Nord ist gebucht.');
    await expect(text).toContainText(`${at}–`);
    await expect(text).toContainText(`Buchungscode: ${code}`);
    await expect(text).toContainText('1 × Personalausweis beantragen');
    await expect(text).toContainText('Bitte mitbringen:');
    await expect(text).not.toContainText(key);
    await expect(text).not.toContainText('#code=');
    await expectNoAxeViolations(page, 'booking confirmation');
  });

  test('keyboard only at 320 px, and an English receipt', async ({ page }) => {
    const to = unique('sam');
    const version = (await (await page.request.get('/api/v1/services/melderegisterauskunft')).json()).form.version;
    const sent = await page.request.post('/api/v1/applications', {
      headers: { 'Idempotency-Key': `mail-e2e-${to}`, 'Accept-Language': 'en' },
      data: { service_id: 'melderegisterauskunft', form_version: version, answers: answers(to) },
    });
    expect(sent.status()).toBe(201);
    const ref = (await sent.json()).reference;
    const subject = `Confirmation of receipt: Register information, reference ${ref}`;

    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/mock-mail');
    await expect(h1(page, 'Postausgang')).toBeVisible();
    await expectNoHorizontalScroll(page);
    const link = entryFor(page, to).getByRole('link', { name: subject });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect(h1(page, subject)).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'Englisch' })).toBeVisible();
    const text = page.getByRole('heading', { level: 2, name: /Textteil/ }).locator('xpath=following-sibling::pre[1]');
    await expect(text).toHaveAttribute('lang', 'en');
    await expect(text).toContainText('received your application "Register information"');
    await expect(text).toContainText('What happens next: ');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'English message at 320 px');
    await tabTo(page, page.getByRole('link', { name: 'Zurück zum Postausgang' }));
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Postausgang')).toBeVisible();
  });
});
