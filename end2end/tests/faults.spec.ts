import { test, expect, expectNoAxeViolations, provokesNetworkErrors } from './fixtures';
import { SHORT_SESSION_URL } from '../playwright.config';
import { Page, Route } from '@playwright/test';

type Fault = { name: string; message: RegExp; inject: (route: Route) => Promise<void>; reachesServer?: boolean; clock?: boolean };

const problem = (status: number) => JSON.stringify({ type: '/problems/x', title: 'x', status });
const FAULTS: Fault[] = [
  { name: 'API 500', message: /Beim Server ist ein Fehler aufgetreten/, inject: (r) => r.fulfill({ status: 500, contentType: 'application/problem+json', body: problem(500) }) },
  {
    name: '503 with Retry-After',
    message: /überlastet oder wird gewartet\. Bitte versuchen Sie es in 30 Sekunden erneut/,
    inject: (r) => r.fulfill({ status: 503, headers: { 'Retry-After': '30' }, contentType: 'application/problem+json', body: problem(503) }),
  },
  { name: 'malformed JSON', message: /unverständlich/, inject: (r) => r.fulfill({ status: 201, contentType: 'application/json', body: '{"reference": "AB' }) },
  { name: 'wrong-shaped JSON', message: /unverständlich/, inject: (r) => r.fulfill({ status: 201, contentType: 'application/json', body: '{"unexpected": [1, 2, 3]}' }) },
  { name: 'connection refused', message: /Keine Verbindung zum Server/, inject: (r) => r.abort('connectionrefused') },
  {
    name: 'lost response (the server did it)',
    message: /Keine Verbindung zum Server/,
    reachesServer: true,
    inject: async (r) => {
      await r.fetch();
      await r.abort('connectionreset');
    },
  },
  { name: 'timeout', message: /Der Server antwortet gerade nicht/, clock: true, inject: async () => { /* never answers */ } },
];

const address = (street: string, no: string, postal: string) => ({ street, house_number: no, postal_code: postal, town: 'Musterstadt' });
const ANSWERS = {
  gesucht_vorname: 'Klaus', gesucht_nachname: 'Weber', gesucht_geburtsdatum: '1970-02-28',
  gesucht_anschrift: address('Ringstraße', '7', '12345'), zweck: 'gewerblich', werbung: 'no',
  vorname: 'Sabine', nachname: 'Hoffmann', firma: 'Inkasso Hoffmann GmbH',
  anschrift: address('Hauptstraße', '1', '54321'), email: 's.hoffmann@example.org',
};

/** The wizard's state after answering every step: the check page. */
async function toCheckPage(page: Page) {
  const version = (await (await page.request.get('/api/v1/services/melderegisterauskunft')).json()).form.version;
  await page.goto('/');
  await page.evaluate(([v, a]) => sessionStorage.setItem('answers:melderegisterauskunft', JSON.stringify({ version: v, answers: a })), [version, ANSWERS] as const);
  await page.goto('/leistungen/melderegisterauskunft/pruefen');
  await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
}

test.describe('faults while sending an application', () => {
  for (const fault of FAULTS) {
    test(`${fault.name}: a clear message, nothing lost, then exactly one application`, async ({ page }) => {
      provokesNetworkErrors();
      if (fault.clock) await page.clock.install();
      await toCheckPage(page);
      let serverReference: string | undefined;
      const keys: string[] = [];
      await page.route('**/api/v1/applications', async (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        if (fault.reachesServer) {
          const res = await route.fetch();
          serverReference = (await res.json()).reference;
          await route.abort('connectionreset');
          return;
        }
        await fault.inject(route);
      });
      await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
      if (fault.clock) await page.clock.runFor(21_000);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(fault.message);
      await expect(alert).toBeFocused();
      await expectNoAxeViolations(page, `${fault.name} message`);
      // Nothing typed is lost: the answers are still on the check page and in the tab.
      await expect(page.getByText('Inkasso Hoffmann GmbH')).toBeVisible();
      await page.unroute('**/api/v1/applications');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/applications') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click(),
      ]);
      const retryKey = res.request().headers()['idempotency-key'];
      expect(retryKey, 'the retry reuses the attempt key').toBe(keys[0]);
      const receipt = await res.json();
      if (fault.reachesServer) {
        expect(res.status(), 'the replay answers 200 with the first application').toBe(200);
        expect(receipt.reference).toBe(serverReference);
      } else {
        expect(res.status()).toBe(201);
      }
      await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
      await expect(page.getByText(receipt.reference, { exact: true })).toBeVisible();
      const stored = await page.request.get(`/api/v1/applications/${receipt.reference}`);
      expect(stored.status()).toBe(200);
    });
  }

  test('offline then online: a banner while offline, the typed answers stay, then one application', async ({ page, context }) => {
    provokesNetworkErrors();
    await toCheckPage(page);
    await context.setOffline(true);
    await expect(page.getByText('Sie sind offline.')).toBeVisible();
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await expect(page.getByRole('alert')).toContainText('Keine Verbindung zum Server');
    await expect(page.getByText('Inkasso Hoffmann GmbH')).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByText('Sie sind offline.')).toHaveCount(0);
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Antrag gesendet' })).toBeVisible();
  });
});

test.describe('faults in the other flows', () => {
  test('catalogue: malformed JSON and a timeout show an error with retry', async ({ page }) => {
    provokesNetworkErrors();
    await page.clock.install();
    let mode: 'bad' | 'hang' | 'ok' = 'bad';
    await page.route('**/api/v1/services', async (route) => {
      if (mode === 'bad') return route.fulfill({ status: 200, contentType: 'application/json', body: '[{"id": 1' });
      if (mode === 'hang') return; // never answers
      return route.continue();
    });
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('unverständlich');
    mode = 'hang';
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await page.clock.runFor(21_000);
    await expect(page.getByRole('alert')).toContainText('Der Server antwortet gerade nicht');
    mode = 'ok';
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toBeVisible();
  });

  test('feedback: a 503 keeps the text, the retry sends it once', async ({ page }) => {
    provokesNetworkErrors();
    let posts = 0;
    await page.route('**/api/v1/feedback', async (route) => {
      posts++;
      if (posts === 1) return route.fulfill({ status: 503, headers: { 'Retry-After': '5' }, contentType: 'application/problem+json', body: problem(503) });
      return route.continue();
    });
    await page.goto('/barrierefreiheit');
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill('Die Schrift ist zu klein.');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('alert')).toContainText('Bitte versuchen Sie es in 5 Sekunden erneut');
    await expect(page.getByLabel('Ihre Rückmeldung', { exact: true })).toHaveValue('Die Schrift ist zu klein.');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vielen Dank' })).toBeVisible();
    expect(posts).toBe(2);
  });

  test('rate limited: the 429 is shown as "try again in N minutes"', async ({ page }) => {
    provokesNetworkErrors();
    await page.route('**/api/v1/feedback', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '120' },
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: '/problems/rate-limited', title: 'Zu viele Versuche', status: 429, detail: 'Bitte versuchen Sie es in 2 Minuten erneut.' }),
      }),
    );
    await page.goto('/barrierefreiheit');
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill('Test');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('alert')).toContainText('Bitte versuchen Sie es in 2 Minuten erneut.');
  });
});

test.describe('faults while sending a hearing response', () => {
  test.use({ baseURL: SHORT_SESSION_URL });

  test('a lost response: the retry gets the same receipt, the case holds exactly that one response', async ({ page }) => {
    provokesNetworkErrors();
    await page.goto('/anhoerung#az=OWI-2026-000104&code=H3NS-6GAV');
    await page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' }).click();
    await page.getByLabel('Geburtsdatum').fill('01.01.1980');
    await page.getByLabel('Geburtsort').fill('Bonn');
    await page.getByLabel('Staatsangehörigkeit').fill('deutsch');
    await page.getByLabel('Beruf').fill('Koch');
    await page.getByLabel('ledig').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Ich äußere mich nicht zur Sache').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    let first: string | undefined;
    await page.route('**/hearings/current/response', async (route) => {
      const res = await route.fetch();
      first = (await res.json()).reference;
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Antwort verbindlich absenden' }).click();
    await expect(page.getByRole('alert')).toContainText('Keine Verbindung zum Server');
    await page.unroute('**/hearings/current/response');
    await page.getByRole('button', { name: 'Antwort verbindlich absenden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Antwort gesendet' })).toBeVisible();
    await expect(page.getByText(first!, { exact: true })).toBeVisible();
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('hearing-session') ?? '{}').token);
    const c = await (await page.request.get('/api/v1/hearings/current', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(c.response.reference).toBe(first);
  });
});
