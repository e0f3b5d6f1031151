import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp, provokesNetworkErrors } from './fixtures';
import { decodeQr } from './qr';
import { BASE_URL } from '../playwright.config';
import { Page } from '@playwright/test';
import {
  CODE, OWNER, countSubmits, dog, fillAddress, reference, seedAnswers, summaryOf, weiter,
} from './wizard-helpers';

const START = '/leistungen/hundeanmeldung';

async function fillOwner(page: Page) {
  await page.getByLabel('Vorname').fill('Erika');
  await page.getByLabel('Nachname').fill('Mustermann');
  await page.getByLabel('Geburtsdatum', { exact: true }).fill('14.03.1985');
  await fillAddress(page.getByRole('group', { name: 'Anschrift' }));
  await page.getByLabel('E-Mail-Adresse').fill('erika@example.de');
}

async function fillDog(page: Page, n: number, name: string, chip: string, listed: 'Ja' | 'Nein' = 'Nein') {
  const item = page.getByRole('group', { name: `Hund ${n}`, exact: true });
  await item.getByLabel('Name des Hundes').fill(name);
  await item.getByLabel('Rasse').fill(listed === 'Ja' ? 'Bullterrier' : 'Mischling');
  await item.getByRole('group', { name: /gelisteten Rasse/ }).getByLabel(listed, { exact: true }).check();
  await item.getByLabel('Geburtsdatum des Hundes').fill('01.02.2020');
  await item.getByLabel('Chipnummer (Transpondernummer)').fill(chip);
  await item.getByLabel('Seit wann halten Sie den Hund?').fill('01.03.2020');
}

const fee = (page: Page) => page.locator('.fee-box');

test.describe('Hundeanmeldung', () => {
  test('start page, a URL per step, owner step with autofill tokens and an error summary that leads to each field', async ({ page }) => {
    await page.goto(START);
    await expect(page.getByRole('heading', { level: 1, name: 'Hundeanmeldung' })).toBeVisible();
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    await expect(page).toHaveURL(/\/leistungen\/hundeanmeldung\/halter$/);
    await expect(page.getByText('Schritt 1 von 3')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben zur Halterin oder zum Halter' })).toBeFocused();
    // The back link leads out of the wizard and is not marked as the current page.
    await expect(page.getByRole('link', { name: 'Zurück' })).toHaveAttribute('href', START);
    await expect(page.getByRole('link', { name: 'Zurück' })).not.toHaveAttribute('aria-current', /.*/);

    // Autofill and mobile keyboards.
    await expect(page.getByLabel('Vorname')).toHaveAttribute('autocomplete', 'given-name');
    await expect(page.getByLabel('Nachname')).toHaveAttribute('autocomplete', 'family-name');
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('autocomplete', 'email');
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('type', 'email');
    const address = page.getByRole('group', { name: 'Anschrift' });
    await expect(address).toBeVisible();
    await expect(address.getByLabel('Postleitzahl')).toHaveAttribute('autocomplete', 'postal-code');
    await expect(address.getByLabel('Postleitzahl')).toHaveAttribute('inputmode', 'numeric');
    // The address hint is announced with the group.
    await expect(address).toHaveAccessibleDescription(/Hauptwohnung in Musterstadt/);

    // Continue with nothing filled in: the summary takes focus, in the order of the form.
    await weiter(page).click();
    const summary = summaryOf(page);
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Fehler: /);
    await expect(summary.getByRole('link')).toHaveCount(8);
    await expect(summary.getByRole('link').nth(0)).toHaveText('Bitte füllen Sie „Vorname“ aus.');
    await expect(summary.getByRole('link').nth(3)).toHaveText('Bitte geben Sie die Straße ein.');
    await expect(summary.getByRole('link').nth(4)).toHaveText('Bitte geben Sie die Hausnummer ein.');
    await expectNoAxeViolations(page, 'owner step with errors');
    await summary.getByRole('link', { name: 'Bitte füllen Sie „Nachname“ aus.' }).click();
    await expect(page.getByLabel('Nachname')).toBeFocused();
    await expect(page.getByLabel('Nachname')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Nachname')).toHaveAccessibleDescription(/Bitte füllen Sie „Nachname“ aus\./);
    await summary.getByRole('link', { name: 'Bitte geben Sie die Postleitzahl ein.' }).click();
    await expect(address.getByLabel('Postleitzahl')).toBeFocused();

    // A wrong postal code gets the specific message; the other fields clear theirs.
    await fillOwner(page);
    await address.getByLabel('Postleitzahl').fill('1234');
    await weiter(page).click();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Die Postleitzahl hat 5 Ziffern.']);
    const postal = address.getByLabel('Postleitzahl');
    await expect(postal).toHaveAttribute('aria-invalid', 'true');
    await expect(postal).toHaveAttribute('aria-describedby', /anschrift\.postal_code-error/);
    await expect(postal).toHaveAccessibleDescription(/Die Postleitzahl hat 5 Ziffern\./);
    await expect(page.getByLabel('Vorname')).not.toHaveAttribute('aria-invalid', 'true');
    await postal.fill('12345');
    await weiter(page).click();
    await expect(page).toHaveURL(/\/hunde$/);
    await expect(page.getByText('Schritt 2 von 3')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Hunde' })).toBeFocused();
  });

  test('two dogs: add and remove, a wrong chip length, and the live fee for a second and a listed dog', async ({ page }) => {
    await seedAnswers(page, 'hundeanmeldung', OWNER);
    await page.goto(`${START}/hunde`);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Hunde' })).toBeVisible();
    // The group's own hint is shown.
    await expect(page.getByText('Melden Sie alle Hunde Ihres Haushalts an, höchstens fünf auf einmal.')).toBeVisible();
    // One dog to start with, which cannot be removed.
    await expect(page.getByRole('group', { name: 'Hund 1', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hund 1 entfernen' })).toHaveCount(0);
    await fillDog(page, 1, 'Bello', '276098100123456');
    await expect(fee(page)).toContainText(/96,00\s€/);

    const add = page.getByRole('button', { name: /^Hund hinzufügen$/ });
    await add.click();
    const second = page.getByRole('group', { name: 'Hund 2', exact: true });
    await expect(second.getByLabel('Name des Hundes')).toBeFocused();
    await expect(fee(page)).toContainText(/216,00\s€/);
    // The first dog's answers survive adding a second.
    await expect(page.getByRole('group', { name: 'Hund 1', exact: true }).getByLabel('Name des Hundes')).toHaveValue('Bello');

    await fillDog(page, 2, 'Rex', '27609810012345', 'Ja');
    await expect(fee(page)).toContainText(/696,00\s€/);
    await weiter(page).click();
    const summary = summaryOf(page);
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(1);
    await expect(summary.getByRole('link')).toContainText('Die Nummer hat genau 15 Ziffern.');
    await expect(summary.getByRole('link')).toContainText('Hund 2');
    await summary.getByRole('link').click();
    const chip = second.getByLabel('Chipnummer (Transpondernummer)');
    await expect(chip).toBeFocused();
    await expect(chip).toHaveAttribute('aria-invalid', 'true');
    await expect(chip).toHaveAccessibleDescription(/Die Nummer hat genau 15 Ziffern\./);
    await expect(chip).toHaveAttribute('inputmode', 'numeric');
    await expectNoAxeViolations(page, 'dogs step with an error');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 720 });

    // A third dog, removed again: the others keep their answers and focus is not lost.
    await add.click();
    // Listed dogs do not count towards the position: the third is the second regular dog.
    await expect(fee(page)).toContainText(/816,00\s€/);
    await page.getByRole('button', { name: 'Hund 3 entfernen' }).click();
    await expect(page.getByRole('group', { name: 'Hund 3', exact: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Hunde' })).toBeFocused();
    await expect(fee(page)).toContainText(/696,00\s€/);
    await expect(chip).toHaveValue('27609810012345');

    await chip.fill('276098100123457');
    await weiter(page).click();
    await expect(page).toHaveURL(/\/zahlung$/);
    await page.goBack();
    await expect(page.getByRole('group', { name: 'Hund 2', exact: true }).getByLabel('Name des Hundes')).toHaveValue('Rex');
    // Removing the first dog renumbers the second, which keeps its own answers.
    await page.getByRole('button', { name: 'Hund 1 entfernen' }).click();
    await expect(page.getByRole('group', { name: 'Hund 1', exact: true }).getByLabel('Name des Hundes')).toHaveValue('Rex');
    await expect(page.getByRole('group', { name: 'Hund 2', exact: true })).toHaveCount(0);
    await expect(fee(page)).toContainText(/600,00\s€/);
  });

  test('full run: check answers, change one and return, submit once, confirmation with GiroCode, verified through the API', async ({ page, request }) => {
    const posts = countSubmits(page);
    await seedAnswers(page, 'hundeanmeldung', {
      ...OWNER,
      hunde: [dog('Bello', '276098100123456'), dog('Rex', '276098100123457')],
    });
    await page.goto(`${START}/zahlung`);
    await expect(page.getByText('Schritt 3 von 3')).toBeVisible();
    await page.getByLabel('Nein').check();
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeFocused();
    await expect(page.getByText('Lindenallee 4, 12345 Musterstadt')).toBeVisible();
    await expect(page.getByText(/Hund 2: Name des Hundes: Rex/)).toBeVisible();
    await expect(page.locator('.fee-table tfoot')).toContainText(/216,00\s€/);
    await expectNoAxeViolations(page, 'check page');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 720 });

    // Every answer has its own change link, named with the question for screen readers.
    const changeEmail = page.getByRole('link', { name: 'Ändern E-Mail-Adresse' });
    await expect(changeEmail).toBeVisible();
    await expect(page.getByRole('link', { name: /^Ändern / })).toHaveCount(7);
    await changeEmail.click();
    await expect(page).toHaveURL(/\/halter\?aendern=1$/);
    // "Back" from a change returns to the check page.
    await expect(page.getByRole('link', { name: 'Zurück' })).toHaveAttribute('href', `${START}/pruefen`);
    await page.getByLabel('E-Mail-Adresse').fill('erika.neu@');
    await weiter(page).click();
    await expect(summaryOf(page)).toContainText('Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.');
    // Corrected, then the browser's back button: the check page shows no stale problem.
    await page.getByLabel('E-Mail-Adresse').fill('erika.alt@example.de');
    await page.goBack();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByText('erika.alt@example.de')).toBeVisible();
    await expect(summaryOf(page)).toHaveCount(0);
    await page.getByRole('link', { name: 'Ändern E-Mail-Adresse' }).click();
    await expect(page.getByLabel('E-Mail-Adresse')).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('E-Mail-Adresse').fill('erika.neu@example.de');
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByText('erika.neu@example.de')).toBeVisible();

    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/applications' && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click(),
    ]);
    expect(response.status()).toBe(201);
    await expect(page).toHaveURL(/\/bestaetigung$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    const ref = await reference(page);
    // Read out letter by letter.
    await expect(page.locator('.reference .visually-hidden')).toHaveText(ref.split('').join(' '));
    await expect(page.getByText(/Für diesen Antrag ist eine Gebühr von 216,00\s€ fällig\./)).toBeVisible();

    const qr = page.getByRole('img', { name: /GiroCode für eine Überweisung über 216,00\s€/ });
    const lines = (await decodeQr(qr)).split('\n');
    expect(lines[0]).toBe('BCD');
    expect(lines[5]).toBe('Stadt Musterstadt');
    expect(lines[7]).toBe('EUR216.00');
    expect(lines[10]).toContain(ref);
    await expectNoAxeViolations(page, 'confirmation');
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 720 });

    const api = await request.get(`/api/v1/applications/${ref}`);
    expect(api.status()).toBe(200);
    const receipt = await api.json();
    expect(receipt.reference).toBe(ref);
    expect(receipt.service_id).toBe('hundeanmeldung');
    expect(receipt.fee.total).toBe(21600);
    expect(receipt.paid).toBe(false);
    // The time of receipt is shown in German time (CET/CEST), not in the API's UTC.
    const berlin = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    }).format(new Date(receipt.submitted_at));
    await expect(page.getByText(`Eingegangen am ${berlin} Uhr.`)).toBeVisible();

    // The answers are gone from the tab once sent; nothing is in localStorage.
    const stored = await page.evaluate(() => ({ session: sessionStorage.getItem('answers:hundeanmeldung'), local: JSON.stringify({ ...localStorage }) }));
    expect(stored.session).toBeNull();
    expect(stored.local).not.toContain('Mustermann');

    // A reload shows the confirmation again; back never sends again.
    await page.reload();
    await expect(page.getByText(ref, { exact: true })).toBeVisible();
    await page.goBack();
    await expect(page).not.toHaveURL(/\/pruefen$/);
    await page.goto(`${START}/pruefen`);
    await expect(page).toHaveURL(/\/bestaetigung$/);
    await expect(page.getByText(ref, { exact: true })).toBeVisible();
    await page.waitForTimeout(300);
    expect(posts.count).toBe(1);
  });

  test('answers survive a reload in sessionStorage and never reach localStorage', async ({ page }) => {
    await page.goto(`${START}/halter`);
    await page.getByLabel('Vorname').fill('Erika');
    await page.getByRole('group', { name: 'Anschrift' }).getByLabel('Straße').fill('Lindenallee');
    await page.getByLabel('Geburtsdatum', { exact: true }).fill('14.03.1985');
    await page.reload();
    await expect(page.getByLabel('Vorname')).toHaveValue('Erika');
    await expect(page.getByRole('group', { name: 'Anschrift' }).getByLabel('Straße')).toHaveValue('Lindenallee');
    await expect(page.getByLabel('Geburtsdatum', { exact: true })).toHaveValue('14.03.1985');
    const storage = await page.evaluate(() => ({ session: sessionStorage.getItem('answers:hundeanmeldung') ?? '', local: JSON.stringify({ ...localStorage }) }));
    expect(storage.session).toContain('Erika');
    expect(storage.local).not.toContain('Erika');
    expect(storage.local).not.toContain('Lindenallee');
    // The start page offers to continue where the user left off.
    await page.goto(START);
    await page.getByRole('link', { name: 'Angaben weiter ausfüllen' }).click();
    await expect(page).toHaveURL(/\/halter$/);
    await expect(page.getByLabel('Vorname')).toHaveValue('Erika');
  });

  test("the browser's back and forward buttons move between steps; deep links land on the first unanswered step", async ({ page }) => {
    await page.goto(`${START}/zahlung`);
    await expect(page).toHaveURL(/\/halter$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben zur Halterin oder zum Halter' })).toBeVisible();
    await page.goto(`${START}/pruefen`);
    await expect(page).toHaveURL(/\/halter$/);
    await page.goto(`${START}/gibt-es-nicht`);
    await expect(page).toHaveURL(/\/halter$/);

    await fillOwner(page);
    await weiter(page).click();
    await expect(page).toHaveURL(/\/hunde$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/halter$/);
    await expect(page.getByLabel('Vorname')).toHaveValue('Erika');
    await page.goForward();
    await expect(page).toHaveURL(/\/hunde$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Hunde' })).toBeVisible();
    // The back link goes where the back button goes.
    await page.getByRole('link', { name: 'Zurück' }).click();
    await expect(page).toHaveURL(/\/halter$/);

    // A later step with an unanswered step before it lands on that step.
    await page.goto(`${START}/zahlung`);
    await expect(page).toHaveURL(/\/hunde$/);
    // A hidden step (no direct debit chosen) is not reachable.
    await page.goto(`${START}/lastschrift`);
    await expect(page).toHaveURL(/\/hunde$/);

    // Out of the wizard by its back links, and in again: the start page stays (no bounce back
    // into the wizard) and offers to continue at the first unanswered step.
    await page.getByRole('link', { name: 'Zurück' }).click();
    await expect(page).toHaveURL(/\/halter$/);
    await page.getByRole('link', { name: 'Zurück' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hundeanmeldung' })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/halter$/);
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'Hundeanmeldung' })).toBeVisible();
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(`${BASE_URL}${START}`);
    await page.getByRole('link', { name: 'Angaben weiter ausfüllen' }).click();
    await expect(page).toHaveURL(/\/hunde$/);
  });

  test("a hidden step's answers are neither shown nor sent (direct debit chosen, then not)", async ({ page }) => {
    await seedAnswers(page, 'hundeanmeldung', {
      ...OWNER,
      hunde: [dog('Bello', '276098100123456')],
      lastschrift: 'yes',
      kontoinhaber: 'Erika Mustermann',
      iban: 'DE89370400440532013000',
      mandat: ['erteilt'],
    });
    await page.goto(`${START}/pruefen`);
    await expect(page.getByRole('heading', { level: 2, name: 'SEPA-Lastschriftmandat' })).toBeVisible();
    await expect(page.getByText('DE89370400440532013000')).toBeVisible();
    await page.getByRole('link', { name: 'Ändern Möchten Sie die Hundesteuer per SEPA-Lastschrift bezahlen?' }).click();
    await expect(page.getByText('Schritt 3 von 4')).toBeVisible();
    await page.getByLabel('Nein').check();
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByRole('heading', { level: 2, name: 'SEPA-Lastschriftmandat' })).toHaveCount(0);
    await expect(page.getByText('DE89370400440532013000')).toHaveCount(0);
    await expect(page.getByText('Kontoinhaberin oder Kontoinhaber')).toHaveCount(0);
    const [req] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/applications' && r.method() === 'POST'),
      page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click(),
    ]);
    const answers = req.postDataJSON().answers;
    expect(answers.lastschrift).toBe('no');
    expect(answers).not.toHaveProperty('iban');
    expect(answers).not.toHaveProperty('kontoinhaber');
    expect(answers).not.toHaveProperty('mandat');
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
  });

  test('the direct debit mandate is a single consent checkbox that must be ticked', async ({ page }) => {
    await seedAnswers(page, 'hundeanmeldung', { ...OWNER, hunde: [dog('Bello', '276098100123456')], lastschrift: 'yes' });
    await page.goto(`${START}/lastschrift`);
    await expect(page.getByText('Schritt 4 von 4')).toBeVisible();
    await page.getByLabel('Kontoinhaberin oder Kontoinhaber').fill('Erika Mustermann');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
    await weiter(page).click();
    const summary = summaryOf(page);
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(2);
    await expect(summary).toContainText('Die IBAN ist nicht korrekt.');
    const consent = page.getByRole('checkbox', { name: /Ich ermächtige die Stadt Musterstadt/ });
    await summary.getByRole('link').nth(1).click();
    await expect(consent).toBeFocused();
    await expectNoAxeViolations(page, 'mandate with errors');
    await page.keyboard.press('Space');
    await expect(consent).toBeChecked();
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByText('Ich ermächtige die Stadt Musterstadt', { exact: false })).toBeVisible();
    // Unticking it again after a reload is remembered too.
    await page.goto(`${START}/lastschrift`);
    await expect(consent).toBeChecked();
    await consent.uncheck();
    await page.reload();
    await expect(consent).not.toBeChecked();
  });
});

test.describe('save and continue later', () => {
  test('code and QR link restore the answers in a new browser; typed codes tolerate case and hyphens; unknown codes are explained', async ({ page, browser }) => {
    provokesNetworkErrors();
    await page.goto(`${START}/halter`);
    await fillOwner(page);
    await page.getByRole('button', { name: 'Speichern und später fortsetzen' }).click();
    const saved = page.locator('#draft-saved');
    await expect(saved).toBeFocused();
    await expect(saved).toContainText('Ihre Angaben sind gespeichert bis zum');
    const code = (await saved.locator('.resume-code [aria-hidden="true"]').innerText()).trim();
    expect(code).toMatch(CODE);
    const link = await decodeQr(page.getByRole('img', { name: 'QR-Code mit dem Link zum Fortsetzen' }));
    expect(link).toBe(`${BASE_URL}/fortsetzen#code=${code}`);
    await expectNoAxeViolations(page, 'draft saved');

    // Another device: a fresh context with empty storage.
    const other = await browser.newContext({ baseURL: BASE_URL, locale: 'de-DE' });
    const phone = await other.newPage();
    const errors: string[] = [];
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.goto(link);
    await expect(phone).toHaveURL(`${BASE_URL}${START}/hunde`);
    expect(phone.url()).not.toContain(code);
    await expect(phone.getByRole('heading', { level: 1, name: 'Ihre Hunde' })).toBeVisible();
    await phone.getByRole('link', { name: 'Zurück' }).click();
    await expect(phone.getByLabel('Vorname')).toHaveValue('Erika');
    await expect(phone.getByRole('group', { name: 'Anschrift' }).getByLabel('Postleitzahl')).toHaveValue('12345');
    const history = await phone.evaluate(() => history.length);
    expect(history).toBeGreaterThan(0);
    await phone.goBack();
    await phone.goBack();
    expect(phone.url(), 'no history entry keeps the code').not.toContain('code=');
    await other.close();

    // Typed by hand, lower case with a hyphen.
    const third = await browser.newContext({ baseURL: BASE_URL, locale: 'de-DE' });
    const typed = await third.newPage();
    typed.on('pageerror', (e) => errors.push(e.message));
    await typed.goto('/fortsetzen');
    await expect(typed.getByRole('heading', { level: 1, name: 'Gespeicherten Antrag fortsetzen' })).toBeVisible();
    await expectNoAxeViolations(typed, 'resume page');
    await typed.getByLabel('Code zum Fortsetzen').fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`);
    await typed.getByRole('button', { name: 'Fortsetzen' }).click();
    await expect(typed).toHaveURL(/\/leistungen\/hundeanmeldung\/hunde$/);
    await third.close();
    expect(errors).toEqual([]);

    // An unknown code gets the clear message, focused, on the field.
    await page.goto('/fortsetzen');
    await page.getByLabel('Code zum Fortsetzen').fill('AAAA-BBBB');
    await page.getByRole('button', { name: 'Fortsetzen' }).click();
    const summary = summaryOf(page);
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Diesen Code kennen wir nicht oder er ist abgelaufen');
    await expect(page.getByLabel('Code zum Fortsetzen')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Code zum Fortsetzen').fill('ABC');
    await page.getByRole('button', { name: 'Fortsetzen' }).click();
    await expect(summary).toContainText('Der Code hat 8 Zeichen, zum Beispiel K7MP-3XTA.');
  });

  test('the start page links to the resume page', async ({ page }) => {
    await page.goto(START);
    await page.getByRole('link', { name: 'Gespeicherten Antrag mit Code fortsetzen' }).click();
    await expect(page).toHaveURL(/\/fortsetzen$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Gespeicherten Antrag fortsetzen' })).toBeFocused();
  });
});

test.describe('wizard accessibility and language', () => {
  test('Melderegisterauskunft by keyboard only, from the start page to the confirmation', async ({ page }) => {
    await page.goto('/leistungen/melderegisterauskunft');
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Melderegisterauskunft' })).toBeVisible();
    await tabTo(page, page.getByRole('link', { name: 'Jetzt starten' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Gesuchte Person' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Vorname der gesuchten Person')).toBeFocused();
    await page.keyboard.type('Max');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Muster');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Geburtsdatum (freiwillig)')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bahnhofstraße');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12a');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Musterstadt');
    await page.keyboard.press('Enter');
    const summary = summaryOf(page);
    await expect(summary).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(summary.getByRole('link', { name: 'Die Postleitzahl hat 5 Ziffern.' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Postleitzahl')).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Zweck der Auskunft' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: /^Private Gründe/ })).toBeFocused();
    // Arrow keys move within the radio group; the commercial purpose reveals another question.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Gewerbliche Zwecke' })).toBeChecked();
    await expect(page.getByRole('group', { name: /Werbung oder Adresshandel/ })).toBeVisible();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: 'Erbschaftsangelegenheit' })).toBeChecked();
    await expect(page.getByRole('group', { name: /Werbung oder Adresshandel/ })).toHaveCount(0);
    await tabTo(page, weiter(page));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Angaben' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Erika');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mustermann');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lindenallee');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Musterstadt');
    await page.keyboard.press('Tab');
    await page.keyboard.type('erika@example.de');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeFocused();
    await expect(page.getByText('Bahnhofstraße 12a, 12345 Musterstadt')).toBeVisible();
    await expect(page.getByText('Erbschaftsangelegenheit')).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Antrag verbindlich absenden' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    await reference(page);
  });

  test('date hints state the format in each language, with an example that fits the field', async ({ page }) => {
    await page.goto(`${START}/halter`);
    const owner = page.getByLabel('Geburtsdatum', { exact: true });
    await expect(owner).toHaveAccessibleDescription(/Format: TT\.MM\.JJJJ, zum Beispiel \d{2}\.\d{2}\.\d{4}/);
    const hint = page.locator('#geburtsdatum-hint');
    const example = (await hint.innerText()).match(/(\d{2})\.(\d{2})\.(\d{4})/);
    expect(example, 'an example date').not.toBeNull();
    const thisYear = new Date().getFullYear();
    // An adult's birth date: decades ago, never today's date.
    expect(Number(example![3])).toBeLessThanOrEqual(thisYear - 25);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByLabel('Date of birth', { exact: true })).toHaveAccessibleDescription(
      new RegExp(`Format: DD\\.MM\\.YYYY, for example ${example![0].replace(/\./g, '\\.')}`),
    );
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
  });

  test('switching to English on a step shows English labels, progress and messages', async ({ page }) => {
    await page.goto(`${START}/halter`);
    await page.getByLabel('Vorname').fill('Erika');
    await weiter(page).click();
    await expect(summaryOf(page)).toContainText('Bitte füllen Sie „Nachname“ aus.');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'About the dog\'s owner' })).toBeVisible();
    await expect(page.getByText('Step 1 of 3')).toBeVisible();
    await expect(page.getByLabel('Given name')).toHaveValue('Erika');
    await expect(page.getByRole('group', { name: 'Address' }).getByLabel('Postcode')).toBeVisible();
    // The messages already shown switch language too.
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toContainText('Enter “Family name”.');
    await expect(page.getByLabel('Family name')).toHaveAccessibleDescription(/Enter “Family name”\./);
    await expect(page).toHaveTitle(/^Error: About the dog's owner/);
    await page.getByRole('group', { name: 'Address' }).getByLabel('Postcode').fill('1');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(summary).toContainText('The postcode has 5 digits.');
    await expectNoAxeViolations(page, 'English step');
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
    await expect(summaryOf(page)).toContainText('Die Postleitzahl hat 5 Ziffern.');
  });
});

/** Presses Tab until `target` has focus (keyboard only; fails after 40 presses). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  await expect(target).toBeVisible();
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}


