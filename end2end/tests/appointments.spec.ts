import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp, provokesNetworkErrors } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { BASE_URL } from '../playwright.config';

const weiter = (page: Page) => page.getByRole('button', { name: 'Weiter', exact: true });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Concerns → location → first free day → first free time; returns the chosen day and time. */
async function chooseVisit(page: Page, concern: string, count: string, location: string, opts: { axe?: boolean; last?: boolean } = {}) {
  await page.goto('/termin');
  await expect(h1(page, 'Ihre Anliegen')).toBeVisible();
  await page.getByLabel(concern, { exact: true }).selectOption(count);
  if (opts.axe) await expectNoAxeViolations(page, 'concerns');
  await weiter(page).click();
  await expect(h1(page, 'Standort wählen')).toBeVisible();
  await expect(h1(page, 'Standort wählen')).toBeFocused();
  await page.getByRole('radio', { name: location }).check();
  if (opts.axe) await expectNoAxeViolations(page, 'location');
  await weiter(page).click();
  await expect(h1(page, 'Tag wählen')).toBeVisible();
  const days = page.getByRole('button', { name: /freie Uhrzeit/ });
  const day = opts.last ? days.last() : days.first();
  await expect(page.getByRole('heading', { level: 2, name: /^Woche ab / }).first()).toBeVisible();
  if (opts.axe) await expectNoAxeViolations(page, 'days');
  const dayText = (await day.locator('.day-date').textContent()) ?? '';
  await day.click();
  await expect(h1(page, 'Uhrzeit wählen')).toBeVisible();
  const times = page.getByRole('group', { name: /^Freie Uhrzeiten am / });
  await expect(times).toContainText(dayText);
  const time = opts.last ? times.getByRole('radio').last() : times.getByRole('radio').first();
  const timeValue = await time.getAttribute('value');
  await time.check();
  if (opts.axe) await expectNoAxeViolations(page, 'times');
  await weiter(page).click();
  return { dayText, time: timeValue ?? '' };
}

async function fillPerson(page: Page) {
  await expect(h1(page, 'Ihre Angaben')).toBeVisible();
  await page.getByLabel('Vor- und Nachname').fill('Erika Mustermann');
  await page.getByLabel('E-Mail-Adresse').fill('erika@example.de');
  await weiter(page).click();
  await expect(h1(page, 'Angaben prüfen')).toBeVisible();
}

function isoOf(germanDayText: string): string {
  const m = germanDayText.match(/(\d\d)\.(\d\d)\.(\d{4})/);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}

test.describe('appointments', () => {
  test('book two ID cards at Bürgerbüro Nord, get the calendar file, cancel through the link', async ({ page, browser }) => {
    const { dayText, time } = await chooseVisit(page, 'Personalausweis beantragen', '2', 'Bürgerbüro Nord', { axe: true });
    await expect(h1(page, 'Ihre Angaben')).toBeVisible();
    await weiter(page).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' })).toBeFocused();
    await expectNoAxeViolations(page, 'person with errors');
    await fillPerson(page);
    await expect(page.locator('.summary-list')).toContainText('2 × Personalausweis beantragen');
    await expect(page.locator('.summary-list')).toContainText('Bürgerbüro Nord, Nordring 12, 12347 Musterstadt');
    await expect(page.locator('.summary-list')).toContainText(`${dayText}, ${time} Uhr (30 Minuten)`);
    await expect(page.getByText('Zusammen 92,00 €, zu bezahlen im Bürgerbüro.')).toBeVisible();
    await expectNoAxeViolations(page, 'check');

    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(h1(page, 'Ihr Termin ist gebucht')).toBeVisible();
    await expect(page).toHaveURL(/\/termin\/buchung$/);
    const code = (await page.locator('.reference span[aria-hidden="true"]').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Was Sie mitbringen' })).toBeVisible();
    await expect(page.getByText('Wohnungsgeberbestätigung')).toHaveCount(0);
    await expect(page.getByText(/Digitales Lichtbild/).first()).toBeVisible();
    await expect(page.locator('.summary-list')).toContainText('Eingang mit einer Stufe');
    await expectNoAxeViolations(page, 'confirmation');

    // Nothing personal in storage; the secret is in no address.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('Erika');
    expect(stored).not.toContain('erika@example.de');
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['lang']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'In den Kalender (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`Termin-${code}.ics`);
    const ics = readFileSync((await download.path()) ?? '', 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DTSTART;TZID=Europe/Berlin:${isoOf(dayText).replace(/-/g, '')}T${time.replace(':', '')}00`);
    expect(unfolded).toContain('LOCATION:Bürgerbüro Nord\\, Nordring 12\\, 12347 Musterstadt');
    expect(unfolded).toContain(`Buchungscode: ${code}`);

    const link = page.getByRole('link', { name: 'Link zu diesem Termin' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`/termin/buchung#code=${code}&key=[A-Z2-9]{20}$`));

    // Another browser opens the link: the fragment is read and scrubbed, the booking shows.
    const other = await browser.newContext({ baseURL: BASE_URL, locale: 'de-DE' });
    const later = await other.newPage();
    await later.goto(href);
    await expect(h1(later, 'Ihr Termin')).toBeVisible();
    await expect(later).toHaveURL(/\/termin\/buchung$/);
    await later.getByRole('button', { name: 'Termin absagen' }).click();
    await expect(later.getByText('Möchten Sie den Termin wirklich absagen?')).toBeVisible();
    await expectNoAxeViolations(later, 'cancel question');
    await later.getByRole('button', { name: 'Ja, Termin absagen' }).click();
    await expect(h1(later, 'Ihr Termin ist abgesagt')).toBeVisible();
    await expect(later.getByRole('status').filter({ hasText: 'Der Termin ist abgesagt und für andere wieder frei.' })).toBeVisible();
    await expectNoAxeViolations(later, 'cancelled');
    await other.close();

    // The slot is free again at once.
    const free = await (await page.request.get(`/api/v1/appointments/times?location=nord&concerns=personalausweis:2&date=${isoOf(dayText)}`)).json();
    expect(free.times).toContain(time);
  });

  test('a time taken meanwhile leads back to the times with a message, keeping everything else', async ({ page, request }) => {
    provokesNetworkErrors();
    const { dayText, time } = await chooseVisit(page, 'Reisepass beantragen', '1', 'Bürgerbüro Nord', { last: true });
    await fillPerson(page);
    // Other people take every counter of that time.
    let status = 201;
    for (let i = 0; i < 5 && status === 201; i++) {
      const r = await request.post('/api/v1/appointments/bookings', {
        headers: { 'Idempotency-Key': `rival-${i}-${Date.now()}` },
        data: { location: 'nord', concerns: [{ id: 'reisepass', count: 1 }], date: isoOf(dayText), time, name: 'Max Muster', phone: '01234 567890' },
      });
      status = r.status();
    }
    expect(status, 'the time is full').toBe(409);
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(h1(page, 'Uhrzeit wählen')).toBeVisible();
    const message = page.getByRole('alert').filter({ hasText: `Die Uhrzeit ${time} Uhr wurde inzwischen von jemand anderem gebucht` });
    await expect(message).toBeVisible();
    await expectNoAxeViolations(page, 'slot taken');
    const times = page.getByRole('group', { name: /^Freie Uhrzeiten am / });
    await expect(times.getByRole('radio', { name: `${time} Uhr`, exact: true })).toHaveCount(0);
    await times.getByRole('radio').first().check();
    await weiter(page).click();
    // Name and contact are still there.
    await expect(page.getByLabel('Vor- und Nachname')).toHaveValue('Erika Mustermann');
    await weiter(page).click();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(h1(page, 'Ihr Termin ist gebucht')).toBeVisible();
  });

  test('reload keeps the choices, a deep link goes to the first open step, a move keeps the booking', async ({ page }) => {
    await chooseVisit(page, 'Meldebescheinigung', '1', 'Bürgerbüro im Rathaus');
    await expect(h1(page, 'Ihre Angaben')).toBeVisible();
    await page.reload();
    await expect(h1(page, 'Ihre Angaben')).toBeVisible();
    await page.goto('/termin/pruefen');
    await expect(h1(page, 'Ihre Angaben')).toBeVisible();
    await fillPerson(page);
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(h1(page, 'Ihr Termin ist gebucht')).toBeVisible();
    await page.reload();
    await expect(h1(page, /^Ihr Termin/)).toBeVisible();

    await page.getByRole('button', { name: 'Termin verschieben' }).click();
    await expect(h1(page, 'Tag wählen')).toBeVisible();
    await page.getByRole('button', { name: /freie Uhrzeit/ }).nth(1).click();
    await page.getByRole('group', { name: /^Freie Uhrzeiten am / }).getByRole('radio').last().check();
    await page.getByRole('button', { name: 'Termin auf diese Uhrzeit verschieben' }).click();
    await expect(h1(page, 'Ihr Termin ist verschoben')).toBeVisible();
    await expectNoAxeViolations(page, 'moved');
  });

  test('keyboard only at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/termin');
    await waitForApp(page);
    const tabTo = async (target: Locator) => {
      for (let i = 0; i < 60; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('not reachable by Tab');
    };
    await tabTo(page.getByLabel('Führungszeugnis beantragen'));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Führungszeugnis beantragen')).toHaveValue('1');
    await expectNoHorizontalScroll(page);
    await tabTo(weiter(page));
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Standort wählen')).toBeFocused();
    await tabTo(page.getByRole('radio', { name: 'Bürgerbüro im Rathaus' }));
    await page.keyboard.press('Space');
    await expectNoHorizontalScroll(page);
    await tabTo(weiter(page));
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Tag wählen')).toBeFocused();
    await expectNoHorizontalScroll(page);
    await tabTo(page.getByRole('button', { name: /freie Uhrzeit/ }).first());
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Uhrzeit wählen')).toBeFocused();
    await tabTo(page.getByRole('radio').first());
    await page.keyboard.press('Space');
    await expectNoHorizontalScroll(page);
    await tabTo(weiter(page));
    await page.keyboard.press('Enter');
    await tabTo(page.getByLabel('Vor- und Nachname'));
    await page.keyboard.type('Max Muster');
    await tabTo(page.getByLabel('Telefonnummer'));
    await page.keyboard.type('01234 567890');
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Angaben prüfen')).toBeFocused();
    await expectNoHorizontalScroll(page);
    await tabTo(page.getByRole('button', { name: 'Termin verbindlich buchen' }));
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Ihr Termin ist gebucht')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'confirmation at 320 px');
  });

  test('English texts and the catalogue entry found by a concern', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Dienst suchen').fill('Reisepass');
    await page.getByRole('link', { name: 'Termin im Bürgerbüro vereinbaren' }).click();
    await expect(h1(page, 'Ihre Anliegen')).toBeVisible();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(h1(page, 'Your concerns')).toBeVisible();
    await page.getByLabel('Apply for a passport').selectOption('5');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('alert').getByText(/Your visit would take 1 hour 40 minutes/)).toBeVisible();
    await expectNoAxeViolations(page, 'too long, English');
  });

  test('a link with a wrong key says so, without telling whether the code exists', async ({ page }) => {
    provokesNetworkErrors();
    await page.goto('/termin/buchung#code=ZZZZZZZZ&key=WRONGWRONGWRONGWRONG');
    await expect(h1(page, 'Termin nicht gefunden')).toBeVisible();
    await expect(page).toHaveURL(/\/termin\/buchung$/);
    await expectNoAxeViolations(page, 'not found');
  });
});
