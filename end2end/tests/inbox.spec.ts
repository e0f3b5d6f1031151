import { test, expect, accountLink, expectNoAxeViolations, expectNoHorizontalScroll, provokesNetworkErrors, waitForApp } from './fixtures';
import { seedAnswers } from './wizard-helpers';
import type { APIRequestContext, Page } from '@playwright/test';

// "Meine Anträge" and the Postfach (issue 16). The e-mails the development endpoint sends are
// checked in crates/mock-backend/tests/inbox.rs (state.outbox()).

const MARIE = /Anmelden als Marie-Luise Şükriye Müller-Lüdenscheidt-Großkopf/;
const ERIKA = /Anmelden als Erika Mustermann/;
const address = (street: string) => ({ street, house_number: '1', postal_code: '12345', town: 'Musterstadt' });
const REGISTER = {
  gesucht_vorname: 'Klaus', gesucht_nachname: 'Weber', gesucht_geburtsdatum: '1970-02-28',
  gesucht_anschrift: address('Ringstraße'), zweck: 'privat',
  vorname: 'Eva', nachname: 'Muster', anschrift: address('Hauptstraße'), email: 'eva.muster@example.org',
};

async function signInAs(page: Page, person: RegExp) {
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: person }).click();
  await expect(accountLink(page)).toBeVisible();
}

async function advance(request: APIRequestContext, reference: string, status: string) {
  const res = await request.post(`/api/v1/dev/applications/${reference}/advance`);
  expect(res.status()).toBe(200);
  expect((await res.json()).status).toBe(status);
}

test.describe('Meine Anträge and Postfach', () => {
  test('a signed-in application: listed, moved on, question answered with a file, fee paid', async ({ page, request }) => {
    test.setTimeout(90_000);
    await signInAs(page, MARIE);
    await seedAnswers(page, 'melderegisterauskunft', REGISTER);
    await page.goto('/leistungen/melderegisterauskunft/pruefen');
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await expect(page).toHaveURL(/\/bestaetigung$/);
    const receipt = JSON.parse((await page.evaluate(() => sessionStorage.getItem('receipt:melderegisterauskunft'))) ?? '{}');
    const reference: string = receipt.reference;
    expect(reference).toMatch(/^[A-HJ-NPR-Y2-9]{8}$/);

    // Two steps from any page: "Mein Konto" in the header, then "Meine Anträge".
    await accountLink(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeFocused();
    await page.getByRole('main').getByRole('link', { name: 'Meine Anträge' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Anträge' })).toBeFocused();
    const item = page.getByRole('article').filter({ hasText: reference });
    await expect(item.getByRole('heading', { level: 2, name: 'Melderegisterauskunft' })).toBeVisible();
    await expect(item.getByText('Eingegangen (aktueller Stand)')).toBeVisible();
    await expect(item.getByText('7,00 € – noch offen')).toBeVisible();
    await expectNoAxeViolations(page, 'Meine Anträge, one received');

    // The clerk moves it on and asks a question (the development endpoint).
    await advance(request, reference, 'in_progress');
    await advance(request, reference, 'question');
    await page.reload();
    await waitForApp(page);
    await expect(item.getByText('Rückfrage (aktueller Stand)')).toBeVisible();
    await expect(item.getByRole('listitem').filter({ hasText: 'In Bearbeitung' })).toBeVisible();
    await expectNoAxeViolations(page, 'Meine Anträge, question');
    // The header says how many messages are unread, in words.
    const account = page.getByRole('banner').getByRole('link', { name: /^Mein Konto, \d+ ungelesene Nachricht(en)?$/ });
    await expect(account).toBeVisible();
    await account.click();
    const postbox = page.getByRole('main').getByRole('link', { name: /^Postfach \(\d+ ungelesen\)$/ });
    await expect(postbox).toBeVisible();
    await postbox.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Postfach' })).toBeFocused();
    // Marie may have other messages from other specs: at least the three of this application.
    await expect(page.getByText(/^\d+ ungelesene Nachrichten\.$/)).toBeVisible();
    await expectNoAxeViolations(page, 'Postfach');

    await page.getByRole('link', { name: 'Rückfrage zu Ihrem Antrag: Melderegisterauskunft' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rückfrage zu Ihrem Antrag: Melderegisterauskunft' })).toBeFocused();
    await expect(page.getByText(reference).first()).toBeVisible();
    await expectNoAxeViolations(page, 'question');
    // Sending without text: the error summary.
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' })).toBeFocused();
    await expectNoAxeViolations(page, 'answer errors');
    await page.getByLabel('Antwort', { exact: true }).fill('Ich suche meinen früheren Vermieter; sein Schreiben liegt bei.');
    await page.getByLabel('Anhänge (freiwillig)').setInputFiles({
      name: 'schreiben.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await expect(page.getByRole('button', { name: 'schreiben.pdf entfernen' })).toBeVisible();
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Ihre Antwort ist gesendet. Sie erreicht den Antrag ${reference}.` })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Ihre Antwort' })).toBeFocused();
    await expect(page.getByRole('listitem').filter({ hasText: 'schreiben.pdf' })).toBeVisible();
    await expectNoAxeViolations(page, 'answer sent');

    // Back in progress; the open fee is paid from the account.
    await page.getByRole('link', { name: 'Zum Antrag in „Meine Anträge“' }).click();
    await expect(item.getByText('In Bearbeitung (aktueller Stand)')).toBeVisible();
    await item.getByRole('button', { name: 'Online bezahlen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bezahlen' })).toBeVisible();
    await page.getByLabel('Kreditkarte', { exact: true }).check();
    await page.getByRole('button', { name: 'Zahlungspflichtig bezahlen' }).click();
    await expect(page).toHaveURL(/\/mock-psp\/pay_/);
    await page.getByLabel('Kartennummer').fill('4242 4242 4242 4242');
    await page.getByLabel('Ablaufdatum (MM/JJ)').fill('12/30');
    await page.getByLabel('Prüfnummer (CVC)').fill('123');
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zahlung erfolgreich' })).toBeVisible();
    await page.goto('/konto/antraege');
    await expect(item.getByText('7,00 € – bezahlt')).toBeVisible();
    await expect(item.getByRole('button', { name: 'Online bezahlen' })).toHaveCount(0);

    await advance(request, reference, 'decided');
    await page.reload();
    await expect(item.getByText('Entschieden (aktueller Stand)')).toBeVisible();
  });

  test('the demo identity: two past applications, three messages, a notice to pay; keyboard only at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await signInAs(page, ERIKA);
    await page.goto('/konto/antraege');
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Anträge' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Bewohnerparkausweis' })).toBeVisible();
    await expect(page.getByText('Entschieden (aktueller Stand)')).toBeVisible();
    await expect(page.getByText('Rückfrage (aktueller Stand)')).toBeVisible();
    await expect(page.getByText('30,00 € – bezahlt')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'demo applications at 320 px');

    await page.goto('/konto/postfach');
    await expect(page.getByRole('heading', { level: 1, name: 'Postfach' })).toBeVisible();
    await expect(page.getByRole('list').first().getByRole('article')).toHaveCount(3);
    await expect(page.getByText('Rückfrage – bitte antworten')).toBeVisible();
    await expectNoHorizontalScroll(page);
    // Keyboard only: tab to the notice and open it.
    const notice = page.getByRole('link', { name: 'Bescheid: Hundesteuer' });
    for (let i = 0; i < 40 && !(await notice.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(notice).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Bescheid: Hundesteuer' })).toBeFocused();
    await expect(page.getByRole('definition').filter({ hasText: '96,00 €' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: '6.0100.000201.3' })).toBeVisible();
    await expect(page.getByText('Gelesen', { exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'notice message at 320 px');
    // Unread again, by keyboard; nothing is deleted.
    const unread = page.getByRole('button', { name: 'Als ungelesen markieren' });
    await unread.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Die Nachricht ist als ungelesen markiert.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Als gelesen markieren' })).toBeVisible();
    const pay = page.getByRole('link', { name: 'Bescheid bezahlen' });
    await pay.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/zahlen$/);
  });

  test('adding an application sent without sign-in needs its reference and e-mail address', async ({ page, request }) => {
    provokesNetworkErrors(); // a wrong pair is a 404 the browser logs
    const form = (await (await request.get('/api/v1/services/melderegisterauskunft')).json()).form;
    const res = await request.post('/api/v1/applications', {
      data: { service_id: 'melderegisterauskunft', form_version: form.version, answers: { ...REGISTER, email: 'jonas.anonym@example.org' } },
      headers: { 'Idempotency-Key': `inbox-${Math.random()}` },
    });
    expect(res.status()).toBe(201);
    const reference: string = (await res.json()).reference;

    // Not Jonas: account.spec.ts unlinks him, which would end this session midway.
    await signInAs(page, MARIE);
    await page.goto('/konto/antraege');
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Anträge' })).toBeVisible();
    const claim = page.getByRole('region', { name: 'Antrag ohne Anmeldung hinzufügen' });
    await claim.getByRole('button', { name: 'Antrag hinzufügen' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' })).toBeFocused();
    await expect(claim.getByLabel('Aktenzeichen')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'claim errors');

    await claim.getByLabel('Aktenzeichen').fill(reference.toLowerCase());
    await claim.getByLabel('E-Mail-Adresse aus dem Antrag').fill('someone.else@example.org');
    await claim.getByRole('button', { name: 'Antrag hinzufügen' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'finden wir keinen Antrag' })).toBeFocused();
    await expectNoAxeViolations(page, 'claim refused');

    await claim.getByLabel('E-Mail-Adresse aus dem Antrag').fill('jonas.anonym@example.org');
    await claim.getByRole('button', { name: 'Antrag hinzufügen' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Der Antrag ${reference} ist jetzt in Ihrem Konto.` })).toBeVisible();
    await expect(page.getByRole('article').filter({ hasText: reference })).toBeVisible();
    await expectNoAxeViolations(page, 'claimed');
  });

  test('signed out, the pages offer sign-in', async ({ page }) => {
    provokesNetworkErrors(); // the 401 the browser logs
    await page.goto('/konto/postfach');
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Postfach' })).toBeVisible();
    await expect(page.getByText('Bitte melden Sie sich mit Ihrem Servicekonto an')).toBeVisible();
    await expectNoAxeViolations(page, 'postbox signed out');
  });
});
