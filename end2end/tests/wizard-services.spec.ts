import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp, provokesNetworkErrors } from './fixtures';
import { BASE_URL } from '../playwright.config';
import { Page, Request, Response } from '@playwright/test';
import { ADDRESS, fillAddress, germanDate, isoToGerman, reference, seedAnswers, summaryOf, weiter } from './wizard-helpers';

const SERVICES: [string, string, string][] = [
  ['hundeanmeldung', 'Hundeanmeldung', 'Angaben zur Halterin oder zum Halter'],
  ['bewohnerparkausweis', 'Bewohnerparkausweis', 'Ihre Angaben'],
  ['urkunden', 'Urkunden bestellen', 'Welche Urkunden brauchen Sie?'],
  ['melderegisterauskunft', 'Melderegisterauskunft', 'Gesuchte Person'],
  ['gartenwasserzaehler', 'Zählerstandsmeldung Gartenwasserzähler', 'Ihr Gartenwasserzähler'],
  ['kita-anmeldung', 'Kita-Anmeldung', 'Ihr Kind'],
  ['elternbeitraege', 'Einkommensüberprüfung Elternbeiträge', 'Ihr Haushalt'],
  ['eheschliessung', 'Terminreservierung Eheschließung', 'Wunschtermin'],
  ['veranstaltungskarten', 'Vorbestellung Veranstaltungskarten', 'Veranstaltung und Karten'],
];

/** Signs in from a start page with the test identity at trust level substantial. */
async function signInSubstantial(page: Page) {
  await page.getByRole('link', { name: 'Mit Servicekonto anmelden' }).click();
  await page.getByRole('button', { name: /Anmelden als Marie-Luise/ }).click();
  await waitForApp(page);
}

const sendButton = (page: Page) => page.getByRole('button', { name: 'Antrag verbindlich absenden' });
const isSubmit = (r: Request) => new URL(r.url()).pathname === '/api/v1/applications' && r.method() === 'POST';
const isSubmitResponse = (r: Response) => isSubmit(r.request());

test.describe('every service', () => {
  for (const [id, name, firstStep] of SERVICES) {
    test(`${id}: start page and first step are accessible (also with errors and at 320 px)`, async ({ page }) => {
      await page.goto(`/leistungen/${id}`);
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page).toHaveTitle(new RegExp(`^${name}`));
      await expectNoAxeViolations(page, `${id} start page`);
      if (id === 'bewohnerparkausweis') await signInSubstantial(page);
      await page.getByRole('link', { name: 'Jetzt starten' }).click();
      await expect(page.getByRole('heading', { level: 1, name: firstStep })).toBeFocused();
      await expect(page.getByText(/^Schritt 1 von \d$/)).toBeVisible();
      if (id === 'eheschliessung') await expect(page.getByRole('radio').first()).toBeVisible();
      await expectNoAxeViolations(page, `${id} first step`);
      // Signed in, the permit's first step is filled from the account; an emptied e-mail
      // address (the one value that stays editable) gives the error state.
      if (id === 'bewohnerparkausweis') await page.getByLabel('E-Mail-Adresse').fill('');
      await weiter(page).click();
      await expect(summaryOf(page)).toBeFocused();
      await expectNoAxeViolations(page, `${id} first step with errors`);
      await page.setViewportSize({ width: 320, height: 640 });
      await expectNoHorizontalScroll(page);
    });
  }
});

test.describe('service specifics', () => {
  test('Eheschließung: the picker lists the free slots in German; a slot taken meanwhile gets the 409 message and another one completes', async ({ page, browser, request }) => {
    provokesNetworkErrors();
    const slots: { id: string; date: string; time: string; place: { de: string } }[] =
      await (await request.get('/api/v1/services/eheschliessung/slots')).json();
    expect(slots.length).toBeGreaterThan(2);
    const wanted = slots[slots.length - 1];
    const other = slots[slots.length - 2];

    await page.goto('/leistungen/eheschliessung');
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    const picker = page.getByRole('group', { name: 'Termin für die Trauung' });
    await expect(picker.getByRole('radio')).toHaveCount(slots.length);
    await expect(picker.getByRole('radio').first()).toHaveAccessibleName(
      `${weekdayDe(slots[0].date)} ${isoToGerman(slots[0].date)}, ${slots[0].time} Uhr – ${slots[0].place.de}`,
    );
    await picker.getByRole('radio', { name: `${isoToGerman(wanted.date)}, ${wanted.time} Uhr` }).check();
    await weiter(page).click();
    await page.getByLabel('Vorname', { exact: true }).fill('Erika');
    await page.getByLabel('Nachname', { exact: true }).fill('Mustermann');
    await page.getByLabel('Geburtsdatum').fill('14.03.1985');
    await weiter(page).click();
    await page.getByLabel('Vorname der Partnerin oder des Partners').fill('Max');
    await page.getByLabel('Nachname der Partnerin oder des Partners').fill('Muster');
    await page.getByLabel('Geburtsdatum').fill('02.05.1984');
    await weiter(page).click();
    await page.getByLabel('E-Mail-Adresse').fill('erika@example.de');
    await weiter(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    // The chosen slot reads as a date, not as its id.
    await expect(page.locator('.summary-value').filter({ hasText: `${isoToGerman(wanted.date)}, ${wanted.time} Uhr` })).toBeVisible();
    await expect(page.getByText(wanted.id)).toHaveCount(0);

    // Meanwhile, someone else reaches the check page with the same slot.
    const rival = await browser.newContext({ baseURL: BASE_URL, locale: 'de-DE' });
    const late = await rival.newPage();
    const errors: string[] = [];
    late.on('pageerror', (e) => errors.push(e.message));
    await seedAnswers(late, 'eheschliessung', {
      termin: wanted.id,
      partner1_vorname: 'Anna', partner1_nachname: 'Schmidt', partner1_geburtsdatum: '1990-01-01',
      partner2_vorname: 'Ben', partner2_nachname: 'Schmidt', partner2_geburtsdatum: '1991-02-02',
      email: 'anna@example.de',
    });
    await late.goto('/leistungen/eheschliessung/pruefen');
    await expect(late.getByText(`${isoToGerman(wanted.date)}, ${wanted.time} Uhr`)).toBeVisible();

    await sendButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    await reference(page);

    const [conflict] = await Promise.all([late.waitForResponse(isSubmitResponse), sendButton(late).click()]);
    expect(conflict.status()).toBe(409);
    const message = late.getByRole('alert').filter({ hasText: 'Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie einen anderen.' });
    await expect(message).toBeVisible();
    await expect(message).toBeFocused();
    await expectNoAxeViolations(late, 'slot taken');
    await late.getByRole('link', { name: 'Ändern Termin für die Trauung' }).click();
    const latePicker = late.getByRole('group', { name: 'Termin für die Trauung' });
    await expect(latePicker.getByRole('radio')).toHaveCount(slots.length - 1);
    await expect(latePicker.getByRole('radio', { name: `${isoToGerman(wanted.date)}, ${wanted.time} Uhr` })).toHaveCount(0);
    await latePicker.getByRole('radio', { name: `${isoToGerman(other.date)}, ${other.time} Uhr` }).check();
    await late.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(late).toHaveURL(/\/pruefen$/);
    const [created] = await Promise.all([late.waitForResponse(isSubmitResponse), sendButton(late).click()]);
    expect(created.status()).toBe(201);
    await expect(late.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    await rival.close();
    expect(errors).toEqual([]);

    const free: { id: string }[] = await (await request.get('/api/v1/services/eheschliessung/slots')).json();
    expect(free.map((s) => s.id)).not.toContain(wanted.id);
    expect(free.map((s) => s.id)).not.toContain(other.id);
  });

  test('Bewohnerparkausweis: registration number rule, wrong file type refused, PDF uploaded, application sent', async ({ page, request }) => {
    provokesNetworkErrors();
    // The permit requires a substantial sign-in (account.spec.ts covers that flow).
    await page.goto('/leistungen/bewohnerparkausweis');
    await signInSubstantial(page);
    await seedAnswers(page, 'bewohnerparkausweis', {
      vorname: 'Erika', nachname: 'Mustermann', email: 'erika@example.de', zone: 'A', anschrift: ADDRESS,
    });
    await page.goto('/leistungen/bewohnerparkausweis/fahrzeug');
    await expect(page.getByText('Schritt 3 von 4')).toBeVisible();
    const plate = page.getByLabel('Kennzeichen');
    await plate.fill('MU 12345');
    await page.getByLabel('Ja').check();
    await weiter(page).click();
    await expect(summaryOf(page)).toBeFocused();
    await expect(summaryOf(page).getByRole('link')).toHaveText(['Bitte geben Sie das Kennzeichen so ein: UN-AB 123.']);
    await expect(plate).toHaveAttribute('aria-invalid', 'true');
    await expect(plate).toHaveAccessibleDescription(/Zum Beispiel MU-AB 123\..*Bitte geben Sie das Kennzeichen so ein: UN-AB 123\./);
    await plate.fill('mu-ab 123');
    await weiter(page).click();
    await expect(page).toHaveURL(/\/nachweise$/);
    // Only the owner's certificate: the proof of use is asked only for someone else's car.
    await expect(page.getByLabel('Nachweis über die dauerhafte Nutzung')).toHaveCount(0);

    const upload = page.getByLabel('Zulassungsbescheinigung Teil I');
    await upload.setInputFiles({ name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('kein PDF') });
    const error = page.locator('.error-message').filter({ hasText: 'Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.' });
    await expect(error).toBeVisible();
    await expect(upload).toHaveAttribute('aria-invalid', 'true');
    await expect(upload).toHaveAccessibleDescription(/Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch\./);
    // A file that claims to be a PDF but is not one is refused the same way.
    await upload.setInputFiles({ name: 'falsch.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a') });
    await expect(error).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen' })).toHaveCount(0);

    await upload.setInputFiles({ name: 'zulassung.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: zulassung.pdf' })).toBeVisible();
    await expect(error).toHaveCount(0);
    await expect(upload).not.toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'uploaded');
    // Removing the file returns focus to the input; uploading again works.
    await page.getByRole('button', { name: 'Datei entfernen' }).click();
    await expect(upload).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen' })).toHaveCount(0);
    await upload.setInputFiles({ name: 'zulassung.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: zulassung.pdf' })).toBeVisible();
    await weiter(page).click();

    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByText('zulassung.pdf')).toBeVisible();
    await expect(page.getByText('MU-AB 123', { exact: false }).or(page.getByText('mu-ab 123'))).toBeVisible();
    await expect(page.locator('.fee-table tfoot')).toContainText(/30,00\s€/);
    const [req] = await Promise.all([page.waitForRequest(isSubmit), sendButton(page).click()]);
    expect(req.postDataJSON().answers.zulassung.id).toMatch(/^upl_/);
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    const receipt = await (await request.get(`/api/v1/applications/${await reference(page)}`)).json();
    expect(receipt.fee.total).toBe(3000);
  });

  test('Gartenwasserzähler: a reading below the last one comes back from the server onto its field', async ({ page }) => {
    provokesNetworkErrors();
    await page.goto('/leistungen/gartenwasserzaehler');
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    await page.getByLabel('Zählernummer').fill('4711001');
    await page.getByLabel('Zählerstand in m³').fill('100');
    await page.getByLabel('Datum der Ablesung').fill(germanDate(-2));
    await weiter(page).click();
    await page.getByLabel('Vorname').fill('Erika');
    await page.getByLabel('Nachname').fill('Mustermann');
    await fillAddress(page.getByRole('group', { name: 'Anschrift des Grundstücks' }));
    await page.getByLabel('E-Mail-Adresse').fill('erika@example.de');
    await weiter(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    // Free: no fee table.
    await expect(page.locator('.fee-table')).toHaveCount(0);

    const [res] = await Promise.all([page.waitForResponse(isSubmitResponse), sendButton(page).click()]);
    expect(res.status()).toBe(422);
    await expect(page).toHaveURL(/\/zaehler\?aendern=1$/);
    const summary = summaryOf(page);
    await expect(summary).toBeFocused();
    // 120 m³ is the seeded last reading of meter 4711001 (a repeated run in one backend sees its own).
    const text = /^Der Zählerstand ist niedriger als der zuletzt gemeldete \((\d+) m³\)\. Bitte prüfen Sie Ihre Ablesung\.$/;
    await expect(summary.getByRole('link')).toHaveText([text]);
    const last = Number(text.exec(await summary.getByRole('link').innerText())![1]);
    if (test.info().repeatEachIndex === 0) expect(last).toBe(120);
    const reading = page.getByLabel('Zählerstand in m³');
    await expect(reading).toHaveAttribute('aria-invalid', 'true');
    await expect(reading).toHaveAccessibleDescription(/Der Zählerstand ist niedriger als der zuletzt gemeldete/);
    await expectNoAxeViolations(page, 'server error on the step');
    await summary.getByRole('link').click();
    await expect(reading).toBeFocused();
    await reading.fill(String(last + 10));
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(summaryOf(page)).toHaveCount(0);
    const [ok] = await Promise.all([page.waitForResponse(isSubmitResponse), sendButton(page).click()]);
    expect(ok.status()).toBe(201);
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
    await reference(page);
    await expect(page.getByRole('img', { name: /GiroCode/ })).toHaveCount(0);
  });

  test('Urkunden: conditions inside group items, a conditional text field keeps focus while typing, the fee per copy', async ({ page }) => {
    await page.goto('/leistungen/urkunden/urkunden');
    const first = page.getByRole('group', { name: 'Urkunde 1', exact: true });
    await first.getByLabel('Geburtsurkunde').check();
    await first.getByLabel('Urkunde', { exact: true }).check();
    const multilingual = (item: typeof first) => item.getByRole('group', { name: 'Als mehrsprachige Urkunde?' });
    await expect(multilingual(first)).toBeVisible();
    await multilingual(first).getByLabel('Ja').check();
    await first.getByLabel('Anzahl der Exemplare').fill('2');
    await first.getByLabel('Vorname(n) laut Eintrag').fill('Erika');
    await first.getByLabel('Nachname laut Eintrag').fill('Mustermann');
    await first.getByLabel('Jahr des Ereignisses').fill('1985');
    await expect(page.locator('.fee-box')).toContainText(/18,00\s€/);

    await page.getByRole('button', { name: /^Urkunde hinzufügen$/ }).click();
    const second = page.getByRole('group', { name: 'Urkunde 2', exact: true });
    await second.getByLabel('Eheurkunde').check();
    await second.getByLabel('Beglaubigter Registerausdruck').check();
    await expect(multilingual(second)).toHaveCount(0);
    await expect(multilingual(first)).toBeVisible();
    await second.getByLabel('Anzahl der Exemplare').fill('1');
    await second.getByLabel('Vorname(n) laut Eintrag').fill('Max');
    await second.getByLabel('Nachname laut Eintrag').fill('Mustermann');
    await second.getByLabel('Jahr des Ereignisses').fill('2010');
    await expect(page.locator('.fee-box')).toContainText(/30,00\s€/);
    // Switching the second item to a certificate asks its own question, then back again.
    await second.getByLabel('Urkunde', { exact: true }).check();
    await expect(multilingual(second)).toBeVisible();
    await second.getByLabel('Beglaubigter Registerausdruck').check();
    await expect(multilingual(second)).toHaveCount(0);
    await weiter(page).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Berechtigung' })).toBeVisible();
    await page.getByLabel('Anderes rechtliches Interesse').check();
    const interest = page.getByLabel('Ihr rechtliches Interesse');
    await interest.click();
    const typed = 'Erbenermittlung, Az. 12 VI 345/26';
    await page.keyboard.type(typed);
    await expect(interest).toHaveValue(typed);
    await expect(interest).toBeFocused();
    await expect(page.getByText(`Noch ${1000 - typed.length} Zeichen`)).toBeVisible();
    await page.getByLabel('Die Urkunde betrifft mich selbst').check();
    await expect(interest).toHaveCount(0);
    await weiter(page).click();
    await page.getByLabel('Vorname').fill('Erika');
    await page.getByLabel('Nachname').fill('Mustermann');
    await page.getByLabel('E-Mail-Adresse').fill('erika@example.de');
    await weiter(page).click();
    await fillAddress(page.getByRole('group', { name: 'Lieferanschrift' }));
    await weiter(page).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    const certificates = (await page.locator('.summary-value').filter({ hasText: 'Urkunde 1:' }).innerText()).split('\n');
    expect(certificates).toHaveLength(2);
    expect(certificates[0]).toContain('Als mehrsprachige Urkunde?: Ja');
    expect(certificates[1]).toContain('Dokument: Beglaubigter Registerausdruck');
    expect(certificates[1]).not.toContain('mehrsprachig');
    await expect(page.getByText('Erbenermittlung')).toHaveCount(0);
    await expect(page.locator('.fee-table tfoot')).toContainText(/30,00\s€/);
    const [req] = await Promise.all([page.waitForRequest(isSubmit), sendButton(page).click()]);
    const answers = req.postDataJSON().answers;
    expect(answers.urkunden[0].mehrsprachig).toBe('yes');
    expect(answers.urkunden[1]).not.toHaveProperty('mehrsprachig');
    expect(answers).not.toHaveProperty('interesse');
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
  });

  test('Elternbeiträge: more than six options are a select; the highest bracket skips the proof step', async ({ page }) => {
    await seedAnswers(page, 'elternbeitraege', { kinder: '2', alleinerziehend: 'no' });
    await page.goto('/leistungen/elternbeitraege/einkommen');
    await expect(page.getByText('Schritt 2 von 4')).toBeVisible();
    const bracket = page.getByRole('combobox', { name: 'Jahreseinkommen des Haushalts' });
    await expect(bracket.getByRole('option')).toHaveCount(9);
    await weiter(page).click();
    await expect(summaryOf(page)).toBeFocused();
    await summaryOf(page).getByRole('link').click();
    await expect(bracket).toBeFocused();
    await expect(bracket).toHaveAttribute('aria-invalid', 'true');
    await bracket.selectOption({ label: 'mehr als 100.000 €' });
    // The option's hint, which a select cannot show itself, follows it.
    await expect(page.getByText('Sie zahlen den Höchstbeitrag und brauchen keinen Nachweis.')).toBeVisible();
    await expect(bracket).toHaveAccessibleDescription(/Sie zahlen den Höchstbeitrag und brauchen keinen Nachweis\./);
    await weiter(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Angaben' })).toBeVisible();
    await expect(page.getByText('Schritt 3 von 3')).toBeVisible();
    await page.goBack();
    await expect(bracket).toHaveValue('ueber_100000');
    await bracket.selectOption({ label: 'bis 25.000 €' });
    await expect(page.getByText('Sie zahlen den Höchstbeitrag')).toHaveCount(0);
    await weiter(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Einkommensnachweis' })).toBeVisible();
    await expect(page.getByText('Schritt 3 von 4')).toBeVisible();
    await page.reload();
    await page.goBack();
    await expect(page.getByRole('combobox', { name: 'Jahreseinkommen des Haushalts' })).toHaveValue('bis_25000');
  });

  test("Kita-Anmeldung: at most three nurseries; the second parent's step, once answered and then not wanted, is neither shown nor sent", async ({ page }) => {
    const beginn = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await seedAnswers(page, 'kita-anmeldung', {
      kind_vorname: 'Lina', kind_nachname: 'Mustermann', kind_geburtsdatum: '2024-05-01',
      beginn, stunden: '35',
      eltern1_vorname: 'Erika', eltern1_nachname: 'Mustermann', eltern1_anschrift: ADDRESS, eltern1_email: 'erika@example.de',
      zweites_elternteil: 'yes', eltern2_vorname: 'Max', eltern2_nachname: 'Mustermann',
    });
    await page.goto('/leistungen/kita-anmeldung/pruefen');
    await expect(page).toHaveURL(/\/kitas$/);
    for (const kita of ['Kita Sonnenschein', 'Kita Regenbogen', 'Kita Schlosszwerge', 'Waldkita Waldwichtel']) {
      await page.getByLabel(kita).check();
    }
    await weiter(page).click();
    await expect(summaryOf(page).getByRole('link')).toHaveText(['Bitte wählen Sie höchstens 3 aus.']);
    await page.getByLabel('Kita Regenbogen').uncheck();
    await weiter(page).click();
    await expect(page).toHaveURL(/\/eltern$/);
    await weiter(page).click();
    await expect(page).toHaveURL(/\/elternteil2$/);
    await expect(page.getByText('Schritt 5 von 5')).toBeVisible();
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Zweites Elternteil' })).toBeVisible();
    await page.getByRole('link', { name: 'Ändern Möchten Sie ein zweites Elternteil angeben?' }).click();
    await page.getByRole('group', { name: 'Möchten Sie ein zweites Elternteil angeben?' }).getByLabel('Nein').check();
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Zweites Elternteil' })).toHaveCount(0);
    await expect(page.getByText('Vorname des zweiten Elternteils')).toHaveCount(0);
    await expect(page.getByText('Kita Sonnenschein, Kita Schlosszwerge, Waldkita Waldwichtel')).toBeVisible();
    const [req] = await Promise.all([page.waitForRequest(isSubmit), sendButton(page).click()]);
    const answers = req.postDataJSON().answers;
    expect(answers.zweites_elternteil).toBe('no');
    expect(Object.keys(answers).filter((k) => k.startsWith('eltern2_'))).toEqual([]);
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
  });

  test('Veranstaltungskarten: tickets times the event price plus parking from a conditional step', async ({ page }) => {
    await page.goto('/leistungen/veranstaltungskarten/veranstaltung');
    await waitForApp(page);
    await page.getByLabel(/^Jazz im Foyer/).check();
    await page.getByLabel('Anzahl der Karten').fill('3');
    await expect(page.locator('.fee-box')).toContainText(/36,00\s€/);
    await weiter(page).click();
    await expect(page.getByText('Schritt 2 von 3')).toBeVisible();
    await page.getByLabel('Ja').check();
    await weiter(page).click();
    await expect(page.getByText('Schritt 3 von 4')).toBeVisible();
    await page.getByLabel('Anzahl der Parkscheine').fill('2');
    await expect(page.locator('.fee-box')).toContainText(/46,00\s€/);
    await page.getByRole('link', { name: 'Zurück' }).click();
    await page.getByLabel('Nein').check();
    await expect(page.locator('.fee-box')).toContainText(/36,00\s€/);
    await weiter(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Angaben' })).toBeVisible();
    await expect(page.getByText('Schritt 3 von 3')).toBeVisible();
  });
});

function weekdayDe(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** A tiny but well-formed PDF. */
function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}
