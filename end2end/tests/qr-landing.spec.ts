import { test, expect, expectNoAxeViolations, provokesNetworkErrors } from './fixtures';
import { Page } from '@playwright/test';
import { BASE_URL } from '../playwright.config';

// The letters' QR links (/anhoerung#az=…&code=…, /zahlen#kz=…&code=…): public/early.js signs in
// while the wasm downloads (the answer carries the case / notice); the app uses that answer.
// Its paint of the first screen: early-paint.spec.ts.
const HEARING = { az: 'OWI-2026-000101', code: 'K7MP-3XTA', h1: 'Anhörung zu einer Ordnungswidrigkeit' };
const NOTICE = { kz: '6.0100.000202.4', code: 'H4TP-9XKW', h1: 'Grundsteuer B' };

const hearingLink = (az: string, code: string) => `/anhoerung#az=${encodeURIComponent(az)}&code=${encodeURIComponent(code)}`;
const noticeLink = (kz: string, code: string) => `/zahlen#kz=${encodeURIComponent(kz)}&code=${encodeURIComponent(code)}`;

/** Records the address when the wasm is instantiated, i.e. just before the app starts. */
async function recordUrlAtAppStart(page: Page) {
  await page.addInitScript(() => {
    const record = () => {
      // @ts-ignore test-only property
      if (window.__urlAtWasm === undefined) window.__urlAtWasm = location.href;
    };
    for (const name of ['instantiateStreaming', 'instantiate'] as const) {
      const original = WebAssembly[name] as (...a: unknown[]) => unknown;
      // @ts-ignore wrapping for the test
      WebAssembly[name] = function (...args: unknown[]) {
        record();
        return original.apply(this, args);
      };
    }
  });
}

/** Holds back the wasm for `ms` (a slow connection) and returns when its response ended. */
function slowWasm(page: Page, ms: number) {
  const ended: { at?: number } = {};
  page.on('requestfinished', (r) => {
    if (r.url().endsWith('.wasm')) ended.at = Date.now();
  });
  page.route(/\.wasm$/, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
  return ended;
}

/** When each API request (method and path) was sent. */
function requestStarts(page: Page) {
  const starts = new Map<string, number>();
  page.on('request', (r) => {
    const key = `${r.method()} ${new URL(r.url()).pathname}`;
    if (!starts.has(key)) starts.set(key, Date.now());
  });
  return starts;
}

/** A case number no other test uses, so failed attempts lock nothing else out. */
const unknownCase = () => `OWI-2026-8${String(Date.now() % 100000).padStart(5, '0')}`;

test.describe('QR landing pages: requests with the page', () => {
  test('hearing: sign-in and case start before the wasm has arrived; the fragment is gone before the app starts; focus on the h1', async ({ page }) => {
    await recordUrlAtAppStart(page);
    const wasm = slowWasm(page, 1500);
    const starts = requestStarts(page);
    await page.goto(hearingLink(HEARING.az, HEARING.code));
    const h1 = page.getByRole('heading', { level: 1, name: HEARING.h1 });
    await expect(h1).toBeVisible({ timeout: 15_000 });
    await expect(h1).toBeFocused();
    await expect(page.getByText(`Aktenzeichen ${HEARING.az}`)).toBeVisible();
    await expect(page).toHaveURL(/\/anhoerung\/fall$/);

    const urlAtWasm = await page.evaluate(() => (window as unknown as { __urlAtWasm?: string }).__urlAtWasm);
    expect(urlAtWasm, 'the app starts on a clean address').toMatch(/\/anhoerung$/);
    const session = starts.get('POST /api/v1/hearings/session');
    expect(wasm.at, 'the wasm arrived').toBeDefined();
    expect(session, 'sign-in sent').toBeDefined();
    expect(session!, 'sign-in started before the wasm arrived').toBeLessThan(wasm.at!);
    expect(starts.has('GET /api/v1/hearings/current'), 'the case came with the sign-in').toBe(false);

    // Nothing secret is left behind: not the code, not the handover.
    const left = await page.evaluate(() => ({
      early: (window as unknown as { __early?: unknown }).__early,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    }));
    expect(left.early).toBeUndefined();
    expect(left.storage).not.toContain(HEARING.code);
    await expectNoAxeViolations(page, 'case from the QR link');
  });

  test('notice: sign-in and notice start before the wasm has arrived and the notice shows with focus on its h1', async ({ page }) => {
    await recordUrlAtAppStart(page);
    const wasm = slowWasm(page, 1500);
    const starts = requestStarts(page);
    await page.goto(noticeLink(NOTICE.kz, NOTICE.code));
    const h1 = page.getByRole('heading', { level: 1, name: NOTICE.h1 });
    await expect(h1).toBeVisible({ timeout: 15_000 });
    await expect(h1).toBeFocused();
    await expect(page.getByText(`Kassenzeichen ${NOTICE.kz}`)).toBeVisible();
    await expect(page).toHaveURL(/\/zahlen\/bescheid$/);
    const urlAtWasm = await page.evaluate(() => (window as unknown as { __urlAtWasm?: string }).__urlAtWasm);
    expect(urlAtWasm).toMatch(/\/zahlen$/);
    expect(starts.get('POST /api/v1/notices/session')!).toBeLessThan(wasm.at!);
    expect(starts.has('GET /api/v1/notices/current'), 'the notice came with the sign-in').toBe(false);
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(NOTICE.code);
  });

  test('a wrong code from the link: the clear message, focused, and both values stay in the form', async ({ page }) => {
    provokesNetworkErrors(); // the 401 is logged by the browser
    const az = unknownCase();
    const starts = requestStarts(page);
    let attempts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/hearings/session')) attempts++; });
    await page.goto(hearingLink(az, 'AAAA-BBBB'));
    const failure = page.getByRole('alert').filter({ hasText: 'Aktenzeichen oder Zugangscode stimmen nicht.' });
    await expect(failure).toBeVisible();
    await expect(failure).toBeFocused();
    await expect(page.getByLabel('Aktenzeichen')).toHaveValue(az);
    await expect(page.getByLabel('Zugangscode')).toHaveValue('AAAA-BBBB');
    expect(page.url()).not.toContain('#');
    expect(attempts, 'one attempt: the app does not repeat the early one').toBe(1);
    expect(starts.has('GET /api/v1/hearings/current'), 'no case request without a session').toBe(false);
    await expectNoAxeViolations(page, 'wrong code from the link');
  });

  test('a link to a locked-out case number: the lockout message, the code kept', async ({ page }) => {
    provokesNetworkErrors(); // 401 and 429 answers are logged by the browser
    const az = unknownCase();
    for (let i = 0; i < 5; i++) {
      const res = await page.request.post('/api/v1/hearings/session', {
        headers: { 'X-Requested-With': 'serviceportal' },
        data: { case_number: az, access_code: 'AAAA-BBBB' },
      });
      expect(res.status()).toBe(401);
    }
    await page.goto(hearingLink(az, 'CCCC-DDDD'));
    const failure = page.locator('#login-failure');
    await expect(failure).toHaveText(/in 15 Minuten erneut/);
    await expect(failure).toBeFocused();
    await expect(page.getByLabel('Zugangscode')).toHaveValue('CCCC-DDDD');
  });

  test('a notice link with a wrong code: the clear message and the code kept', async ({ page }) => {
    provokesNetworkErrors();
    const kz = `9.9999.${String(Date.now() % 1000000).padStart(6, '0')}.2`;
    await page.goto(noticeLink(kz, 'AAAA-BBBB'));
    await expect(page.locator('#login-failure')).toHaveText('Kassenzeichen oder Zugangscode stimmen nicht.');
    await expect(page.locator('#login-failure')).toBeFocused();
    await expect(page.getByLabel('Kassenzeichen')).toHaveValue(kz);
    await expect(page.getByLabel('Zugangscode')).toHaveValue('AAAA-BBBB');
  });

  test('the static shell names the landing page before the app: from the backend, and on a static host', async ({ page, browser }) => {
    // The backend sends the page's own heading and title (no JavaScript at all here).
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE_URL });
    const plain = await noJs.newPage();
    await plain.goto('/zahlen');
    await expect(plain.getByRole('heading', { level: 1, name: 'Bescheid bezahlen' })).toBeVisible();
    await expect(plain).toHaveTitle('Bescheid bezahlen – Serviceportal Musterstadt');
    await plain.goto('/anhoerung/fall');
    await expect(plain.getByRole('heading', { level: 1, name: 'Online-Anhörung' })).toBeVisible();
    await plain.goto('/');
    await expect(plain.getByRole('heading', { level: 1, name: 'Online-Dienste der Stadt Musterstadt' })).toBeVisible();
    await noJs.close();

    // A static host sends the catalogue's shell for every path: the early script renames it.
    const catalogueShell = await (await page.request.get('/')).text();
    await page.route(/\/anhoerung$/, (route) => route.fulfill({ body: catalogueShell, contentType: 'text/html; charset=utf-8' }));
    await page.route(/\.wasm$/, () => {}); // held back: the app does not start
    await page.goto('/anhoerung');
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Anhörung' })).toBeVisible();
    await expect(page).toHaveTitle('Online-Anhörung – Serviceportal Musterstadt');
  });
});
