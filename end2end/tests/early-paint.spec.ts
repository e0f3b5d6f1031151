import { test, expect, expectNoAxeViolations } from './fixtures';
import { Page, Route } from '@playwright/test';
import { BASE_URL } from '../playwright.config';

// The QR landing pages painted before the wasm (public/early.js): the case's / notice's first
// screen from the sign-in's answer, the app's own page replacing it in one frame.

const HEARINGS: [string, string][] = [
  ['OWI-2026-000101', 'K7MP-3XTA'], ['OWI-2026-000102', 'R4WD-9HNE'], ['OWI-2026-000103', 'P8CF-2LYU'],
  ['OWI-2026-000104', 'H3NS-6GAV'], ['OWI-2026-000105', 'T9BX-4KRE'], ['OWI-2026-000106', 'W2YJ-8DMP'],
  ['OWI-2026-000107', 'F6UA-7CTW'], ['OWI-2026-000108', 'B5NC-4HRT'],
];
const NOTICES: [string, string][] = [
  ['6.0100.000201.3', 'N7KD-4PRA'], ['6.0100.000202.4', 'H4TP-9XKW'], ['6.0300.000203.5', 'C8RM-2VJE'],
  ['6.0400.000204.6', 'V3LA-6NFB'], ['6.0100.000205.7', 'S6EG-3YTU'], ['6.0500.000206.8', 'M9WH-5KDR'],
  ['6.0100.000207.9', 'X2RF-7PLC'], ['6.0600.000208.1', 'E5BU-8GTA'],
];
const hearingLink = ([az, code]: [string, string]) => `/anhoerung#az=${encodeURIComponent(az)}&code=${encodeURIComponent(code)}`;
const noticeLink = ([kz, code]: [string, string]) => `/zahlen#kz=${encodeURIComponent(kz)}&code=${encodeURIComponent(code)}`;

/** Holds the app's wasm back until `release()`; later chunks pass. */
async function holdWasm(page: Page) {
  let held: Route | undefined;
  let first = true;
  await page.route(/\.wasm$/, (route) => {
    if (first) {
      first = false;
      held = route;
    } else {
      route.continue();
    }
  });
  return {
    release: async () => {
      await expect.poll(() => held !== undefined, { message: 'the wasm was requested' }).toBe(true);
      await held!.continue();
    },
  };
}

/** The first screen's parts, by what they are: caption, heading, status, the accusation, the
 * summary list's rows, the table of amounts (row by row). */
async function firstScreen(page: Page) {
  return page.evaluate(() => {
    const visible = (e: Element | null) => !!e && (e as HTMLElement).offsetParent !== null;
    const main = [...document.querySelectorAll('main')].find((m) => visible(m.querySelector('h1')))!;
    const text = (sel: string) => {
      const e = main.querySelector(sel);
      return e ? (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim() : null;
    };
    const all = (sel: string) => [...main.querySelectorAll(sel)].map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
    return {
      caption: text('.step-progress'),
      h1: text('h1'),
      status: text('h1 + p > strong'),
      statusClass: main.querySelector('h1 + p > strong')?.className ?? null,
      h2: text('h2'),
      lead: text('p.lead'),
      accusation: text('p.accusation'),
      rows: all('dl.summary-list > .summary-row'),
      table: all('table.notice-items tr'),
      tags: [...main.querySelectorAll('table.notice-items span[class]')].map((e) => e.className),
    };
  });
}

type Screen = Awaited<ReturnType<typeof firstScreen>>;

/** The app's page says what the early paint said; its summary list may have more rows after. */
function expectSame(early: Screen, app: Screen, what: string) {
  const { rows: earlyRows, ...earlyRest } = early;
  const { rows: appRows, ...appRest } = app;
  expect(earlyRest, what).toEqual(appRest);
  expect(earlyRows.length, `${what}: rows painted`).toBeGreaterThanOrEqual(3);
  expect(appRows.slice(0, earlyRows.length), `${what}: the summary list`).toEqual(earlyRows);
}

for (const lang of ['de', 'en']) {
  test(`early paint says what the app says: every demo case and notice (${lang})`, async ({ browser }) => {
    test.slow();
    const links = [...HEARINGS.map((p) => ({ id: p[0], url: hearingLink(p), done: /\/anhoerung\/fall$/ })),
      ...NOTICES.map((p) => ({ id: p[0], url: noticeLink(p), done: /\/zahlen\/bescheid$/ }))];
    for (const link of links) {
      // A fresh context each: nothing cached, no session of the link before.
      const context = await browser.newContext({ baseURL: BASE_URL, locale: 'de-DE' });
      const page = await context.newPage();
      if (lang === 'en') await page.addInitScript(() => localStorage.setItem('lang', 'en'));
      const wasm = await holdWasm(page);
      await page.goto(link.url);
      await expect(page.locator('#static-shell[data-early]'), `${link.id}: painted early`).toBeAttached();
      const early = await firstScreen(page);
      expect(early.caption, link.id).toContain(link.id);
      expect(early.h1).toBeTruthy();
      await wasm.release();
      await expect(page).toHaveURL(link.done);
      await expect(page.locator('#static-shell')).toHaveCount(0);
      const app = await firstScreen(page);
      expectSame(early, app, `${link.id} (${lang})`);
      await context.close();
    }
  });
}

test('hearing: the case is there before the wasm, readable and scrubbed of the code', async ({ page }) => {
  const gets: string[] = [];
  page.on('request', (r) => { if (r.method() === 'GET' && r.url().includes('/api/v1/hearings/')) gets.push(r.url()); });
  await holdWasm(page); // never released: the app does not start
  await page.goto(hearingLink(HEARINGS[0]));
  await expect(page.getByRole('heading', { level: 1, name: 'Anhörung zu einer Ordnungswidrigkeit' })).toBeVisible();
  await expect(page.getByText('Sie parkten im Bereich eines absoluten Haltverbots (Zeichen 283).')).toBeVisible();
  const list = page.locator('dl.summary-list');
  await expect(list.getByText('Verwarnungsgeld')).toBeVisible();
  await expect(list.locator('dd strong')).toHaveText(/^\d+,\d\d\u00a0€$/);
  await expect(page.locator('main p.loading')).toHaveText('Wird geladen …');
  expect(page.url()).not.toContain('#');
  expect(page.url()).not.toContain('K7MP');
  expect(gets, 'the case came with the sign-in: no second request').toEqual([]);
  await expectNoAxeViolations(page, 'hearing case painted before the app');
});

test('notice in English: the amounts are there before the wasm, readable', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('lang', 'en'));
  await holdWasm(page);
  await page.goto(noticeLink(NOTICES[1]));
  await expect(page.getByRole('heading', { level: 1, name: 'Property tax B' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const table = page.getByRole('table', { name: 'Amounts and due dates' });
  await expect(table.getByRole('rowheader', { name: /^Instalment 1/ })).toBeVisible();
  await expect(table.getByRole('cell', { name: /^€\d+\.\d\d$/ }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'notice painted before the app (en)');
});

test('the app replaces the paint in one frame: no loading line, no layout shift, focus on its h1', async ({ page }) => {
  // Every frame from the early paint on: the visible h1, or whether a loading line shows.
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: string[]; __shift: number };
    w.__frames = [];
    w.__shift = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    const tick = () => {
      const shown = [...document.querySelectorAll('main h1, main p.loading')].filter((e) => (e as HTMLElement).offsetParent !== null);
      const h1s = shown.filter((e) => e.tagName === 'H1');
      const what = h1s.length ? h1s.map((e) => e.textContent!.trim()).join(' + ') : shown.length ? 'LOADING' : 'NOTHING';
      if (document.querySelector('#static-shell[data-early]') || w.__frames.length) w.__frames.push(what);
      if (w.__frames.length < 600) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const wasm = await holdWasm(page);
  await page.goto(noticeLink(NOTICES[6]));
  await expect(page.locator('#static-shell[data-early]')).toBeAttached();
  await page.waitForTimeout(300); // some frames of the paint alone
  await wasm.release();
  const h1 = page.getByRole('heading', { level: 1, name: 'Zweitwohnungsteuer 2026' });
  await expect(page).toHaveURL(/\/zahlen\/bescheid$/);
  await expect(h1).toBeFocused();
  await expect(page.getByRole('button', { name: 'Online bezahlen' })).toBeVisible();
  const { frames, shift } = await page.evaluate(() => {
    const w = window as unknown as { __frames: string[]; __shift: number };
    return { frames: w.__frames, shift: w.__shift };
  });
  expect(frames.length).toBeGreaterThan(5);
  expect(new Set(frames), 'every frame shows the notice\'s heading, once').toEqual(new Set(['Zweitwohnungsteuer 2026']));
  expect(shift).toBe(0);
  await expectNoAxeViolations(page, 'notice after the app took over');
});

for (const width of [360, 1280]) {
  test(`the paint stays where it is when the app takes over (${width} px): the header is as tall`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const wasm = await holdWasm(page);
    await page.goto(noticeLink(NOTICES[6]));
    await expect(page.locator('#static-shell[data-early]')).toBeAttached();
    const before = await page.locator('#static-shell h1').boundingBox();
    const header = await page.locator('#static-shell .site-header').boundingBox();
    await wasm.release();
    await expect(page.locator('#static-shell')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Online bezahlen' })).toBeVisible();
    const after = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(after!.y, 'the heading did not move').toBeCloseTo(before!.y, 0);
    expect((await page.getByRole('banner').boundingBox())!.height).toBeCloseTo(header!.height, 0);
  });
}

test('without the early paint the app signs in from the link itself', async ({ page }) => {
  // A document without the inline script (as if it failed): the app reads the fragment.
  await page.route(/\/anhoerung$/, async (route) => {
    const res = await route.fetch();
    // The inline script that hands over `__early` (minified by the build: found by that name).
    const html = (await res.text()).replace(/<script>((?!<\/script>)[\s\S])*__early((?!<\/script>)[\s\S])*<\/script>/, '');
    expect(html).not.toContain('__early');
    await route.fulfill({ response: res, body: html });
  });
  await page.goto(hearingLink(HEARINGS[0]));
  await expect(page.locator('#static-shell[data-early]')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Anhörung zu einer Ordnungswidrigkeit' })).toBeVisible();
  await expect(page).toHaveURL(/\/anhoerung\/fall$/);
  expect(page.url()).not.toContain('code=');
});
