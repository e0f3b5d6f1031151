// `make bench` (scripts/bench.sh runs this after building and starting the mock backend):
// Lighthouse (mobile) on each page of the budget (catalogue, wizard step, hearing and notice from
// their QR links, checkout, appointment day list, account overview) — three runs with *applied*
// throttling (throttlingMethod "devtools": slow 4G and 4× CPU applied to the real load, which is
// what the FCP/LCP/TBT/CLS and budget figures come from) and one run with Lighthouse's default
// *simulated* throttling (its Performance score and LCP, for comparison only); the time from
// navigation to the case / notice visible on the two QR landing pages under the same applied
// throttling; in-browser timings under 4× CPU throttling; each timing also as a ratio to a
// reference timed in the same run (and TBT normalised by Lighthouse's benchmarkIndex), so that
// runs on differently loaded machines compare; and the budget — a Markdown report on stdout and
// in bench/results/latest.md. Timings are not tests: a missed budget is reported, never fatal.
//
// Environment:
//   BENCH_URL     the backend serving dist/ (default http://127.0.0.1:8095)
//   CHROME_PATH   Debian's Chromium (default /usr/bin/chromium); no browser is ever downloaded
//   LH_RUNS       Lighthouse runs per page with applied throttling (default 3); LH_SIM_RUNS with
//                 simulated throttling (default 1; 0 skips them); TIMING_RUNS in-browser runs (7)
//   BENCH_PAGES   e.g. `catalogue,hearing`: only those pages (Lighthouse and QR timings), for trying
//   BENCH_RAW     folder with size.txt, twiggy-top.txt, twiggy-dominators.txt (from bench.sh)
//   BENCH_OUT     the report (default bench/results/latest.md)
import lighthouse from 'lighthouse';
import { throttling as LH_THROTTLING } from 'lighthouse/core/config/constants.js';
import puppeteer from 'puppeteer-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.BENCH_URL ?? 'http://127.0.0.1:8095').replace(/\/$/, '');
const ORIGIN = new URL(BASE).origin;
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const LH_RUNS = Number(process.env.LH_RUNS ?? 3);
const LH_SIM_RUNS = Number(process.env.LH_SIM_RUNS ?? 1);
const TIMING_RUNS = Number(process.env.TIMING_RUNS ?? 7);
const RAW = process.env.BENCH_RAW ?? join(HERE, 'results', 'raw');
const OUT = process.env.BENCH_OUT ?? join(HERE, 'results', 'latest.md');
const CPU_RATE = 4;
// Lighthouse's mobile "slow 4G" (its default; taken from Lighthouse itself so the two never
// differ): rttMs 150 and throughputKbps 1638.4 (1.6 Mbit/s) for the simulation; applied in the
// browser (CDP Network.emulateNetworkConditions, which delays whole requests rather than packets)
// as requestLatencyMs 562.5 (= 150 × 3.75), downloadThroughputKbps 1474.56 (= 1638.4 × 0.9),
// uploadThroughputKbps 675; cpuSlowdownMultiplier 4 (CDP Emulation.setCPUThrottlingRate 4).
const SLOW_4G = LH_THROTTLING.mobileSlow4G;
/** The same conditions in CDP units (bytes per second), exactly as Lighthouse's devtools mode sends them. */
const SLOW_4G_CDP = {
  offline: false,
  latency: SLOW_4G.requestLatencyMs,
  downloadThroughput: Math.floor((SLOW_4G.downloadThroughputKbps * 1024) / 8),
  uploadThroughput: Math.floor((SLOW_4G.uploadThroughputKbps * 1024) / 8),
};
const HEARING = { az: 'OWI-2026-000101', code: 'K7MP-3XTA' };
// A notice with four instalments, one overdue with its charges (README "Notices").
const NOTICE = { kz: '6.0100.000202.4', code: 'H4TP-9XKW' };

// Quiet Chromium on a closed network (shared/TOOLCHAIN.md); puppeteer adds a fresh profile dir.
const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=de-DE',
];

const log = (...a) => console.error('[bench]', ...a);

async function launch() {
  return puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS, defaultViewport: null });
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** An init script (runs before the app in every new document of the portal's origin). */
function seedSessionStorage(origin, entries) {
  if (location.origin !== origin) return;
  for (const [k, v] of Object.entries(entries)) sessionStorage.setItem(k, v);
}

// ---------------------------------------------------------------------------------------------
// Preparing state that a plain URL cannot carry (sessionStorage is per tab).

// A seed returns { storage: sessionStorage entries, cookies: cookies of the portal's origin },
// set in each audited tab before the app starts.

/** The QR links as printed on the letters: each audited load signs in like a citizen. */
const HEARING_LINK = `/anhoerung#az=${encodeURIComponent(HEARING.az)}&code=${encodeURIComponent(HEARING.code)}`;
const NOTICE_LINK = `/zahlen#kz=${encodeURIComponent(NOTICE.kz)}&code=${encodeURIComponent(NOTICE.code)}`;

/** Concerns and location chosen like a citizen (one ID card, Bürgerbüro Nord); returns the
 * tab's sessionStorage, whose plan leads straight to the day list. */
async function appointmentPlan() {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${BASE}/termin`);
    const h1Is = (text) => page.waitForFunction((t) => document.querySelector('main h1')?.textContent?.trim() === t, { timeout: 30_000 }, text);
    await h1Is('Ihre Anliegen');
    // The control named by its label, as a citizen finds it.
    const byLabel = (text) => page.evaluateHandle((t) => {
      const label = [...document.querySelectorAll('main label')].find((l) => l.textContent.trim() === t);
      return label ? document.getElementById(label.htmlFor) : null;
    }, text);
    await page.waitForFunction(() => [...document.querySelectorAll('main label')].some((l) => l.textContent.trim() === 'Personalausweis beantragen'), { timeout: 30_000 });
    await (await byLabel('Personalausweis beantragen')).select('1');
    await page.locator('form button[type="submit"]').click();
    await h1Is('Standort wählen');
    await page.waitForFunction(() => [...document.querySelectorAll('main label')].some((l) => l.textContent.trim() === 'Bürgerbüro Nord'), { timeout: 30_000 });
    await (await byLabel('Bürgerbüro Nord')).click();
    await page.locator('form button[type="submit"]').click();
    await h1Is('Tag wählen');
    return { storage: await page.evaluate(() => ({ ...sessionStorage })) };
  } finally {
    await browser.close();
  }
}

/** Signs in at the mock identity provider as the first demo person; returns the HttpOnly
 * session cookie (the account lives in a cookie, not in web storage). */
async function accountSession() {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${BASE}/api/v1/auth/login?return_to=${encodeURIComponent('/konto')}`);
    await page.locator('button[name="identity"]:not([value="cancel"])').click();
    await page.waitForFunction(() => location.pathname === '/konto' && document.querySelector('main h1')?.textContent?.trim() === 'Mein Konto', { timeout: 30_000 });
    const cookies = (await page.cookies()).filter((c) => c.domain === new URL(BASE).hostname);
    if (cookies.length === 0) throw new Error('no session cookie after signing in');
    return { cookies };
  } finally {
    await browser.close();
  }
}

/** A 7 € register information (created through the API like the wizard does), put into the
 * cart with the confirmation page's "Online bezahlen" button; returns the tab's cart. */
async function cartWithOneItem() {
  const service = await (await fetch(`${BASE}/api/v1/services/melderegisterauskunft`)).json();
  const address = (street, no, postal) => ({ street, house_number: no, postal_code: postal, town: 'Musterstadt' });
  const res = await fetch(`${BASE}/api/v1/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${Date.now()}-${Math.random()}` },
    body: JSON.stringify({
      service_id: 'melderegisterauskunft',
      form_version: service.form.version,
      answers: {
        gesucht_vorname: 'Klaus', gesucht_nachname: 'Weber', gesucht_geburtsdatum: '1970-02-28',
        gesucht_anschrift: address('Ringstraße', '7', '12345'), zweck: 'gewerblich', werbung: 'no',
        vorname: 'Sabine', nachname: 'Hoffmann', firma: 'Inkasso Hoffmann GmbH',
        anschrift: address('Hauptstraße', '1', '54321'), email: 's.hoffmann@example.org',
      },
    }),
  });
  if (res.status !== 201) throw new Error(`creating the application: HTTP ${res.status}`);
  const receipt = await res.json();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(seedSessionStorage, ORIGIN, { 'receipt:melderegisterauskunft': JSON.stringify(receipt) });
    await page.goto(`${BASE}/leistungen/melderegisterauskunft/bestaetigung`);
    await page.locator('button ::-p-text(Online bezahlen)').click();
    await page.waitForFunction(() => location.pathname === '/kasse' && document.querySelector('h1')?.textContent?.trim() === 'Bezahlen', { timeout: 30_000 });
    const cart = await page.evaluate(() => sessionStorage.getItem('cart'));
    if (!cart || JSON.parse(cart).length !== 1) throw new Error(`cart not as expected: ${cart}`);
    return { storage: { cart } };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

// `url` is what is loaded (default `path`), `path` where the page must end; `qr` pages have the
// QR landing pages' budget (LCP ≤ 2.0 s, first load ≤ 200 KiB), `firstLoad` the first-load budget.
const PAGES = [
  { key: 'catalogue', label: 'catalogue `/`', path: '/', firstLoad: true, expect: { h1: 'Online-Dienste der Stadt Musterstadt' } },
  { key: 'wizard', label: 'wizard step 1 `/leistungen/melderegisterauskunft/person`', path: '/leistungen/melderegisterauskunft/person', expect: { h1: 'Gesuchte Person' } },
  { key: 'hearing', label: 'hearing case from the QR link `/anhoerung#az=…&code=…` → `/anhoerung/fall`', url: HEARING_LINK, path: '/anhoerung/fall', qr: true, firstLoad: true, expect: { h1: 'Anhörung zu einer Ordnungswidrigkeit', text: `Aktenzeichen ${HEARING.az}` },
    visible: { label: '(e) hearing: QR link `/anhoerung#az=…&code=…` → the accusation painted', what: 'the accusation: the element whose whole text is the case\'s offence from the demo data, "Sie parkten im Bereich eines absoluten Haltverbots (Zeichen 283)."', text: 'Sie parkten im Bereich eines absoluten Haltverbots (Zeichen 283).' } },
  { key: 'notice', label: 'notice from the QR link `/zahlen#kz=…&code=…` → `/zahlen/bescheid`', url: NOTICE_LINK, path: '/zahlen/bescheid', qr: true, firstLoad: true, expect: { h1: 'Grundsteuer B', text: `Kassenzeichen ${NOTICE.kz}` },
    visible: { label: '(f) notice: QR link `/zahlen#kz=…&code=…` → the amounts painted', what: 'the amounts: the first row of the notice\'s table of amounts, "Rate 1 … 187,50 €" (row header and euro amount; the table renders at once, its total "Noch offen" is below the first screen)', text: 'Rate 1', prefix: true, row: true } },
  { key: 'checkout', label: 'checkout `/kasse` (1 item in the cart)', path: '/kasse', seed: cartWithOneItem, expect: { h1: 'Bezahlen', text: '7,00 €' } },
  { key: 'appointments', label: 'appointment day list `/termin/tag` (1 ID card, Bürgerbüro Nord)', path: '/termin/tag', seed: appointmentPlan, expect: { h1: 'Tag wählen', text: 'Woche ab' } },
  { key: 'account', label: 'account overview `/konto` (signed in at the mock IdP)', path: '/konto', seed: accountSession, expect: { h1: 'Mein Konto', text: 'Vertrauensniveau' } },
];
if (process.env.BENCH_PAGES) {
  const keys = process.env.BENCH_PAGES.split(',');
  PAGES.splice(0, PAGES.length, ...PAGES.filter((p) => keys.includes(p.key)));
}

// Two kinds of Lighthouse run on the same mobile settings (formFactor mobile, screen emulation,
// slow 4G, 4× CPU — SLOW_4G above):
// - "applied" (throttlingMethod "devtools"): the network and CPU are slowed in the browser during
//   the real load, and FCP/LCP/TBT/CLS are what was observed. This is what the budget is held
//   against: the simulation below starts from an unthrottled loopback load, in which the app
//   paints before the static shell ever does, so it takes the app's `h1` after the whole wasm for
//   the LCP, where a phone on slow 4G paints the shell's heading first.
// - "simulated" (Lighthouse's default "simulate"): one fast load replayed at slow-4G/4×-CPU
//   speed. Kept for comparison with earlier reports and PageSpeed Insights (which simulates).
const LH_MODES = {
  applied: { throttlingMethod: 'devtools', throttling: { ...SLOW_4G } },
  simulated: { throttlingMethod: 'simulate', throttling: { ...SLOW_4G } },
};
const LH_FLAGS = {
  logLevel: 'error',
  output: 'json',
  onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
};

/** An init script in every audited tab: a User Timing mark `bench:idle` when the first
 * `requestIdleCallback` callback runs — in the app that is the idle prefetch of the route chunks
 * (src/lazy.rs, `prefetch_when_idle`, the app's only use of it), so every request that starts
 * after the mark is prefetch, not first load. */
function markIdlePrefetch() {
  const ric = window.requestIdleCallback;
  if (typeof ric !== 'function') return;
  window.requestIdleCallback = function (cb, opts) {
    return ric.call(window, (deadline) => {
      if (performance.getEntriesByName('bench:idle', 'mark').length === 0) performance.mark('bench:idle');
      return cb(deadline);
    }, opts);
  };
}

async function lighthouseRun(p, seed, mode, i) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(markIdlePrefetch);
    if (seed?.storage) await page.evaluateOnNewDocument(seedSessionStorage, ORIGIN, seed.storage);
    if (seed?.cookies) await page.setCookie(...seed.cookies);
    const result = await lighthouse(`${BASE}${p.url ?? p.path}`, { ...LH_FLAGS, ...LH_MODES[mode] }, undefined, page);
    const lhr = result?.lhr;
    if (!lhr) throw new Error('no Lighthouse result');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (lhr.configSettings.throttlingMethod !== LH_MODES[mode].throttlingMethod) throw new Error(`ran with ${lhr.configSettings.throttlingMethod}`);
    mkdirSync(RAW, { recursive: true });
    writeFileSync(join(RAW, `lighthouse-${p.key}-${mode}-${i + 1}.json`), JSON.stringify(lhr));
    // The page audited must be the one meant (logged in, cart filled), not a login or empty page.
    const seen = await page.evaluate(() => ({ path: location.pathname, h1: document.querySelector('main h1')?.textContent?.trim() ?? '', text: document.body.innerText.replace(/\s+/g, ' ') }));
    const problems = [];
    if (new URL(lhr.finalDisplayedUrl).pathname !== p.path) problems.push(`ended on ${lhr.finalDisplayedUrl}`);
    if (seen.h1 !== p.expect.h1) problems.push(`h1 was "${seen.h1}"`);
    if (p.expect.text && !seen.text.includes(p.expect.text.replace(/\s+/g, ' '))) problems.push(`"${p.expect.text}" not shown`);
    const a = lhr.audits;
    // Bytes as served (compressed, from the network): the app's files and the API's answers,
    // split at the idle prefetch's start (the `bench:idle` mark; user-timings' startTime is from
    // navigation start, network-requests' times from the first request — the document's, which
    // starts within a few ms of it). A request without a start time counts as first load.
    const requests = a['network-requests']?.details?.items ?? [];
    const idleAt = (a['user-timings']?.details?.items ?? []).find((x) => x.name === 'bench:idle')?.startTime;
    const isApi = (u) => { try { return new URL(u).pathname.startsWith('/api/'); } catch { return false; } };
    // The prefetch: app files (chunks) requested after the mark; the API's answers are the page's
    // whenever they come (the hearing's evidence photo may be asked for after the mark).
    const prefetch = (r) => !isApi(r.url) && Number.isFinite(idleAt) && Number.isFinite(r.rendererStartTime) && r.rendererStartTime >= idleAt;
    const sum = (xs) => xs.reduce((n, r) => n + (r.transferSize ?? 0), 0);
    const benchmarkIndex = lhr.environment?.benchmarkIndex;
    const tbt = a['total-blocking-time']?.numericValue;
    const score = (c) => (lhr.categories[c]?.score == null ? NaN : Math.round(lhr.categories[c].score * 100));
    return {
      perf: score('performance'),
      a11y: score('accessibility'),
      bp: score('best-practices'),
      seo: score('seo'),
      fcp: a['first-contentful-paint']?.numericValue,
      lcp: a['largest-contentful-paint']?.numericValue,
      tbt,
      // TBT as if measured on a machine of benchmarkIndex 1000: CPU time scales about inversely
      // with the index, so runs on differently loaded machines compare (roughly: TBT counts only
      // the part of each task above 50 ms).
      tbtNorm: Number.isFinite(tbt) && benchmarkIndex ? (tbt * benchmarkIndex) / 1000 : NaN,
      cls: a['cumulative-layout-shift']?.numericValue,
      bytes: a['total-byte-weight']?.numericValue,
      // First load: every request but the idle prefetch's, app files and API.
      firstBytes: sum(requests.filter((r) => !prefetch(r))),
      appBytes: sum(requests.filter((r) => !isApi(r.url) && !prefetch(r))),
      apiBytes: sum(requests.filter((r) => isApi(r.url))),
      prefetchBytes: sum(requests.filter((r) => prefetch(r))),
      idleAt: idleAt ?? NaN,
      benchmarkIndex,
      // Diagnostics for whoever makes it faster: what the LCP was and what shifted.
      lcpElement: a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
      lcpPhases: (a['largest-contentful-paint-element']?.details?.items?.[1]?.items ?? []).map((x) => `${x.phase} ${Math.round(x.timing)} ms`).join(', '),
      shifts: (a['layout-shifts']?.details?.items ?? []).slice(0, 2).map((x) => `${x.node?.snippet ?? '?'} ${Number(x.score).toFixed(3)}`).join('; '),
      failed: Object.entries(lhr.categories)
        .filter(([k]) => k !== 'performance')
        .flatMap(([, c]) => c.auditRefs.filter((r) => r.weight > 0 && a[r.id]?.score !== null && a[r.id]?.score < 1).map((r) => `${c.id}: ${r.id}`)),
      problems,
    };
  } finally {
    await browser.close();
  }
}

/** `n` Lighthouse runs of one page in one mode; a run that Lighthouse itself fails (e.g.
 * NO_NAVSTART on a loaded machine) is retried, twice at most. */
async function lighthouseRuns(p, seed, mode, n) {
  const runs = [];
  for (let i = 0; runs.length < n && i < n + 2; i++) {
    const t0 = Date.now();
    try {
      const r = await lighthouseRun(p, seed, mode, i);
      runs.push(r);
      log(`lighthouse ${p.key} ${mode} #${i + 1}: perf ${r.perf} a11y ${r.a11y} bp ${r.bp} seo ${r.seo} FCP ${Math.round(r.fcp)} LCP ${Math.round(r.lcp)} ms TBT ${Math.round(r.tbt)} ms; first load ${(r.firstBytes / 1024).toFixed(1)} KiB, prefetch ${(r.prefetchBytes / 1024).toFixed(1)} KiB from ${Math.round(r.idleAt)} ms (${Math.round((Date.now() - t0) / 1000)} s)${r.problems.length ? ' PROBLEM: ' + r.problems.join('; ') : ''}`);
    } catch (e) {
      log(`lighthouse ${p.key} ${mode} #${i + 1} failed: ${e.message}`);
    }
  }
  return runs;
}

async function lighthouseAll() {
  const rows = [];
  for (const p of PAGES) {
    const seed = p.seed ? await p.seed() : null;
    const runs = await lighthouseRuns(p, seed, 'applied', LH_RUNS);
    const sim = LH_SIM_RUNS > 0 ? await lighthouseRuns(p, seed, 'simulated', LH_SIM_RUNS) : [];
    const m = (k) => median(runs.map((r) => r[k]));
    const ms = (k) => median(sim.map((r) => r[k]));
    rows.push({
      ...p,
      runs: runs.length,
      simRuns: sim.length,
      perf: m('perf'), a11y: m('a11y'), bp: m('bp'), seo: m('seo'),
      fcp: m('fcp'), lcp: m('lcp'), tbt: m('tbt'), tbtNorm: m('tbtNorm'), cls: m('cls'), bytes: m('bytes'),
      firstBytes: m('firstBytes'), appBytes: m('appBytes'), apiBytes: m('apiBytes'), prefetchBytes: m('prefetchBytes'), idleAt: m('idleAt'),
      benchmarkIndex: m('benchmarkIndex'),
      simPerf: ms('perf'), simFcp: ms('fcp'), simLcp: ms('lcp'), simTbt: ms('tbt'),
      // The run whose LCP is nearest the median, and every run's layout shifts.
      diag: [...runs].sort((x, y) => Math.abs(x.lcp - m('lcp')) - Math.abs(y.lcp - m('lcp')))[0] ?? null,
      simDiag: sim[0] ?? null,
      shiftRuns: runs.map((r) => r.shifts),
      lcpRuns: runs.map((r) => r.lcp),
      failed: [...new Set([...runs, ...sim].flatMap((r) => r.failed))],
      problems: [...new Set([...runs, ...sim].flatMap((r) => r.problems))],
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// In-browser timings (Performance API, 4× CPU throttling via CDP), each run in a fresh context.

async function throttledPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { page, context };
}

/** (a) navigation start → the search field and the service links are in the DOM. */
function watchCatalogue() {
  const ready = () => document.getElementById('search') && document.querySelector('a[href^="/leistungen/"]');
  const check = () => {
    if (window.__benchReady === undefined && ready()) window.__benchReady = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

async function timeCatalogue(browser) {
  const { page, context } = await throttledPage(browser);
  try {
    await page.evaluateOnNewDocument(watchCatalogue);
    await page.goto(`${BASE}/`);
    await page.waitForFunction(() => window.__benchReady !== undefined, { timeout: 60_000, polling: 50 });
    return await page.evaluate(() => window.__benchReady);
  } finally {
    await context.close();
  }
}

/** Records performance.now() at the click (capturing) and when `pred` finds the DOM changed. */
function armClickTimer(kind) {
  window.__bench = { click: undefined, done: undefined };
  document.addEventListener('click', () => {
    if (window.__bench.click === undefined) window.__bench.click = performance.now();
  }, { capture: true });
  if (kind === 'h1-focus') {
    document.addEventListener('focusin', (e) => {
      if (window.__bench.click !== undefined && window.__bench.done === undefined && e.target instanceof HTMLElement && e.target.tagName === 'H1') {
        window.__bench.done = performance.now();
        window.__bench.h1 = e.target.textContent.trim();
      }
    }, { capture: true });
  } else {
    const check = () => {
      if (window.__bench.click !== undefined && window.__bench.done === undefined && document.querySelector('.payment-qr .qr svg, .payment-qr img')) {
        window.__bench.done = performance.now();
      }
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
  }
}

/** (b) "Weiter" on a valid first step → the next step's h1 is focused. */
async function timeStepChange(browser) {
  const { page, context } = await throttledPage(browser);
  try {
    const answers = {
      gesucht_vorname: 'Max', gesucht_nachname: 'Muster',
      gesucht_anschrift: { street: 'Bahnhofstraße', house_number: '12a', postal_code: '12345', town: 'Musterstadt' },
    };
    await page.evaluateOnNewDocument(seedSessionStorage, ORIGIN, { 'answers:melderegisterauskunft': JSON.stringify({ version: 1, answers }) });
    await page.goto(`${BASE}/leistungen/melderegisterauskunft/person`);
    await page.waitForFunction(
      () => document.querySelector('main h1')?.textContent?.trim() === 'Gesuchte Person' && [...document.querySelectorAll('main input')].some((i) => i.value === 'Bahnhofstraße'),
      { timeout: 60_000, polling: 50 },
    );
    await new Promise((r) => setTimeout(r, 500)); // let the first load settle
    await page.evaluate(armClickTimer, 'h1-focus');
    await page.locator('form.wizard-step button[type="submit"]').click();
    await page.waitForFunction(() => window.__bench.done !== undefined, { timeout: 20_000, polling: 20 });
    const b = await page.evaluate(() => window.__bench);
    if (b.h1 !== 'Zweck der Auskunft') throw new Error(`focused h1 "${b.h1}", expected the second step`);
    return b.done - b.click;
  } finally {
    await context.close();
  }
}

/** (c) "GiroCode erstellen" with a valid form → the QR is in the DOM; with `part`, the app's
 * own User Timing measure "girocode" (payload rules, QR encoding, SVG markup) instead. */
async function timeGiroCode(browser, part = false) {
  const { page, context } = await throttledPage(browser);
  try {
    await page.goto(`${BASE}/girocode`);
    await page.locator('#giro-name').fill('Stadt Musterstadt');
    await page.locator('#giro-iban').fill('DE89 3704 0044 0532 0130 00');
    await page.locator('#giro-amount').fill('12,50');
    await page.locator('#giro-remittance').fill('Gebühr Straße 5');
    await new Promise((r) => setTimeout(r, 300));
    await page.evaluate(armClickTimer, 'qr');
    await page.locator('button ::-p-text(GiroCode erstellen)').click();
    await page.waitForFunction(() => window.__bench.done !== undefined, { timeout: 20_000, polling: 20 });
    const b = await page.evaluate(() => window.__bench);
    if (part) {
      const m = await page.evaluate(() => performance.getEntriesByName('girocode', 'measure').map((e) => e.duration));
      if (m.length !== 1) throw new Error(`expected one "girocode" measure, got ${m.length}`);
      return m[0];
    }
    return b.done - b.click;
  } finally {
    await context.close();
  }
}

/** The reference: a fixed piece of the same kind of work as the app's reactions — 300 table rows
 * with German-formatted amounts and dates replace the page's content, a new `h1` takes focus,
 * layout is forced — on a minimal page without the app, in the same browser under the same
 * throttling. Warmed up once (the first use of Intl loads its data), then the median of five.
 * It measures how fast this machine is right now; each timing is also reported as a ratio to it. */
async function timeReference(browser) {
  const { page, context } = await throttledPage(browser);
  try {
    await page.setContent('<!doctype html><html lang="de"><body><main><h1>Referenz</h1></main></body></html>');
    return await page.evaluate(() => {
      const fmt = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
      const dates = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' });
      const main = document.querySelector('main');
      const work = (seed) => {
        const t0 = performance.now();
        const table = document.createElement('table');
        for (let i = 0; i < 300; i++) {
          const row = table.insertRow();
          row.insertCell().textContent = `Zeile ${i + 1}`;
          row.insertCell().textContent = fmt.format(((i + seed) * 7919) / 100);
          row.insertCell().textContent = dates.format(new Date(Date.UTC(2026, 0, 1 + i + seed)));
        }
        const h1 = document.createElement('h1');
        h1.textContent = 'Nächster Schritt';
        h1.tabIndex = -1;
        main.replaceChildren(h1, table);
        h1.focus();
        void document.body.offsetHeight; // layout, as before a paint
        return performance.now() - t0;
      };
      work(0);
      const xs = [1, 2, 3, 4, 5].map(work).sort((a, b) => a - b);
      return xs[2];
    });
  } finally {
    await context.close();
  }
}

const TIMINGS = [
  { key: 'catalogue', label: '(a) catalogue interactive: navigation start → `#search` and service links in the DOM (cold cache)', fn: timeCatalogue },
  { key: 'step', label: '(b) wizard step change: click "Weiter" (valid step 1) → next step\'s `h1` focused', fn: timeStepChange },
  { key: 'girocode', label: '(c) GiroCode: click "GiroCode erstellen" → QR `svg` in the DOM (form checks and the whole transfer section)', fn: (b) => timeGiroCode(b) },
  { key: 'girocode-build', label: '(c′) of which building the GiroCode: payload rules, QR encoding, SVG markup (User Timing `girocode` in the app)', fn: (b) => timeGiroCode(b, true) },
];

// (d) A click that needs a chunk not yet loaded (the bundle is split by route, src/lazy.rs):
// on the catalogue, "Melderegisterauskunft" → the service's start page, whose code is in the
// form flow's chunk. `prefetched: false` holds that chunk's request back until the click (so the
// click waits for it, as when the idle prefetch has not run yet); `true` waits for the idle
// prefetch first (what a citizen who reads the catalogue for a moment gets).
async function timeLazyClick(browser, prefetched) {
  const { page, context } = await throttledPage(browser);
  const chunk = /\/split_wizard-[0-9a-f]+\.wasm$/;
  const held = [];
  let clicked = false;
  try {
    if (!prefetched) {
      await page.setRequestInterception(true);
      page.on('request', (r) => {
        if (!clicked && chunk.test(new URL(r.url()).pathname)) held.push(r);
        else r.continue();
      });
    }
    await page.evaluateOnNewDocument(watchCatalogue);
    await page.goto(`${BASE}/`);
    await page.waitForFunction(() => window.__benchReady !== undefined, { timeout: 60_000, polling: 50 });
    if (prefetched) {
      await page.waitForFunction(
        () => performance.getEntriesByType('resource').some((e) => /\/split_wizard-/.test(e.name) && e.responseEnd > 0),
        { timeout: 30_000, polling: 100 },
      );
      await new Promise((r) => setTimeout(r, 500)); // the chunk is instantiated after its download
    } else {
      await new Promise((r) => setTimeout(r, 300));
    }
    await page.evaluate(armClickTimer, 'h1-focus');
    const link = await page.waitForSelector('a[href="/leistungen/melderegisterauskunft"]');
    await link.click();
    clicked = true;
    for (const r of held.splice(0)) r.continue();
    await page.waitForFunction(() => window.__bench.done !== undefined, { timeout: 20_000, polling: 20 });
    const b = await page.evaluate(() => window.__bench);
    if (!b.h1?.includes('Melderegisterauskunft')) throw new Error(`focused h1 "${b.h1}", expected the service's start page`);
    return b.done - b.click;
  } finally {
    await context.close();
  }
}

TIMINGS.push(
  { key: 'chunk-click', label: '(d) click that needs a chunk not yet loaded: catalogue → service start page (form chunk fetched at the click) → `h1` focused', fn: (b) => timeLazyClick(b, false) },
  { key: 'chunk-click-prefetched', label: '(d′) the same click after the idle prefetch', fn: (b) => timeLazyClick(b, true) },
);

// (e) A citizen scans the letter: navigation to the QR link → the case / notice content the
// citizen needs is painted (PAGES' `visible`), under the applied throttling of the Lighthouse
// runs (SLOW_4G: CDP Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate 4),
// cold cache, Lighthouse's mobile screen (412 × 823, device scale factor 1.75).

/** An init script: finds the element by its text as soon as the app inserts it (a
 * MutationObserver, so before its first paint), gives it — and each element in it with text of
 * its own — an `elementtiming` attribute, and records the paint time the Element Timing API
 * reports for them (the latest of them, so the whole text is painted). `__benchFrame` (the next
 * animation frame after the insertion) is kept as a fallback should no entry come. */
function watchCaseVisible(spec) {
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  const matches = (el) => (spec.prefix ? norm(el.textContent).startsWith(spec.text) : norm(el.textContent) === spec.text);
  // The deepest element under `root` whose text matches.
  const find = (root) => {
    if (!norm(root.textContent).includes(spec.text)) return null;
    for (const child of root.children) {
      const hit = find(child);
      if (hit) return hit;
    }
    return matches(root) ? root : null;
  };
  window.__benchVisible = { found: undefined, frame: undefined, paints: [], inViewport: undefined };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === 'bench-case') window.__benchVisible.paints.push(e.renderTime || e.loadTime);
  }).observe({ type: 'element', buffered: true });
  const observer = new MutationObserver((records) => {
    const v = window.__benchVisible;
    if (v.found !== undefined) return;
    for (const r of records) {
      const nodes = r.type === 'characterData' ? [r.target] : [...r.addedNodes];
      for (const n of nodes) {
        const el = n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement;
        if (!el || !el.isConnected || !el.closest('main')) continue;
        let hit = find(el) ?? (matches(el) ? el : null);
        if (hit && spec.row) {
          hit = hit.closest('tr');
          if (!hit || !/\d,\d\d\s?€/.test(hit.textContent)) hit = null;
        }
        if (!hit) continue;
        v.found = performance.now();
        v.count = 0;
        for (const e of [hit, ...hit.querySelectorAll('*')]) {
          if ([...e.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim())) {
            e.setAttribute('elementtiming', 'bench-case');
            v.count++;
          }
        }
        requestAnimationFrame(() => {
          v.frame = performance.now();
          const box = hit.getBoundingClientRect();
          v.inViewport = box.height > 0 && box.bottom <= innerHeight;
        });
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function timeCaseVisible(browser, p) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G_CDP);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdownMultiplier });
    await page.evaluateOnNewDocument(watchCaseVisible, p.visible);
    await page.goto(`${BASE}${p.url}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForFunction(() => window.__benchVisible?.frame !== undefined, { timeout: 60_000, polling: 50 });
    // The Element Timing entries are queued after the paint: give them a moment.
    await page.waitForFunction((n) => window.__benchVisible.paints.length >= n, { timeout: 3_000, polling: 50 }, 1).catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    const v = await page.evaluate(() => ({ ...window.__benchVisible, path: location.pathname }));
    // Painted by public/early.js on the landing path, or by the app on its page.
    if (v.path !== p.path && v.path !== p.url.split('#')[0]) throw new Error(`ended on ${v.path}`);
    if (!v.inViewport) log(`timing ${p.key}-visible: the element is not within the first screen`);
    if (v.paints.length < v.count) log(`timing ${p.key}-visible: ${v.paints.length} of ${v.count} element paints reported; using the next frame (${Math.round(v.frame)} ms)`);
    return v.paints.length >= v.count && v.count > 0 ? Math.max(...v.paints) : v.frame;
  } finally {
    await context.close();
  }
}

const QR_TIMINGS = PAGES.filter((p) => p.visible).map((p) => ({
  key: `${p.key}-visible`,
  page: p,
  label: p.visible.label,
  fn: (b) => timeCaseVisible(b, p),
}));

/** Every timing, each run paired with a run of the reference right before it (same browser,
 * same moment), so that `ratio` = median(timing) / median(reference) survives a busier machine.
 * A timing added to TIMINGS gets its ratio without further code. */
async function timingsAll(list = TIMINGS) {
  const browser = await launch();
  const out = [];
  try {
    for (const t of list) {
      const xs = [];
      const refs = [];
      for (let i = 0; i < TIMING_RUNS; i++) {
        try {
          refs.push(await timeReference(browser));
          xs.push(await t.fn(browser));
        } catch (e) {
          log(`timing ${t.key} #${i + 1} failed: ${e.message}`);
        }
      }
      log(`timing ${t.key}: ${xs.map((x) => x.toFixed(1)).join(', ')} ms (reference ${refs.map((x) => x.toFixed(1)).join(', ')} ms)`);
      const ref = median(refs);
      out.push({ ...t, runs: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), ref, ratio: median(xs) / ref });
    }
  } finally {
    await browser.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const readRaw = (name) => (existsSync(join(RAW, name)) ? readFileSync(join(RAW, name), 'utf8').trimEnd() : `(${name} missing)`);

function machine() {
  const model = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? cpus()[0]?.model ?? '?';
  return {
    nproc: sh('nproc', []) || String(cpus().length),
    model: model.trim(),
    chromium: sh(CHROME, ['--version']).replace(/\s+built on.*$/, ''),
    node: process.version,
    lighthouse: JSON.parse(readFileSync(join(HERE, 'node_modules/lighthouse/package.json'), 'utf8')).version,
    commit: sh('git', ['-C', join(HERE, '..'), 'rev-parse', '--short', 'HEAD']),
    dirty: sh('git', ['-C', join(HERE, '..'), 'status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock', 'index.html', 'style', 'crates']) !== '',
  };
}

const fmtMs = (x) => (Number.isFinite(x) ? (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`) : '–');
const fmtMs1 = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
const fmtN = (x) => (Number.isFinite(x) ? String(Math.round(x)) : '–');
const fmtCls = (x) => (Number.isFinite(x) ? (x === 0 ? '0' : x.toFixed(3)) : '–');
const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const fmtKiB = (x) => (Number.isFinite(x) ? `${(x / 1024).toFixed(1)} KiB` : '–');
const mark = (ok) => (ok === null ? '–' : ok ? '✅' : '❌');

/** Shallow bytes per crate from `twiggy top -f json` (approximate: generic code counts for the
 * crate that defines it — `<PhantomData<T> as serde_core::…>` is serde's — though the app's types
 * instantiate it). */
function crateBreakdown() {
  const file = join(RAW, 'twiggy-all.json');
  if (!existsSync(file)) return null;
  const items = JSON.parse(readFileSync(file, 'utf8'));
  const total = items.reduce((n, i) => n + i.shallow_size, 0);
  const sums = new Map();
  for (const { name, shallow_size: size } of items) {
    let key;
    if (name === '"function names" subsection' || /^"\w+ names" subsection$/.test(name)) key = '(names: only in this analysis build, not shipped)';
    else if (name.startsWith('data segment')) key = '(data segments: string literals, tables)';
    else if (name.startsWith('import ')) key = '(imports from the JS glue)';
    else if (name.startsWith('export ')) key = '(exports)';
    else {
      const clean = name.replace(/\[[0-9a-f]+\]/g, '');
      const crates = [...clean.matchAll(/(?<![A-Za-z0-9_:])([A-Za-z_][A-Za-z0-9_]*)::/g)].map((m) => m[1]).filter((c) => c !== 'impl' && c !== '_');
      key = crates.find((c) => !['core', 'alloc', 'std'].includes(c)) ?? crates[0] ?? '(unnamed items, wasm sections)';
    }
    sums.set(key, (sums.get(key) ?? 0) + size);
  }
  const rows = [...sums.entries()].sort((a, b) => b[1] - a[1]);
  return { total, rows };
}

function firstLoadBrotli(sizeText) {
  const m = sizeText.match(/^total\s+first load\s+(\d+)\s+(\d+)\s+(\d+)\s*$/m);
  return m ? Number(m[3]) : NaN;
}

function report({ when, mach, load, lh, timings, qrTimings }) {
  const L = [];
  const size = readRaw('size.txt');
  const brotli = firstLoadBrotli(size);
  L.push(`# Benchmark — ${when}`);
  L.push('');
  L.push(`Machine: ${mach.nproc} cores, ${mach.model}; ${mach.chromium}; Node ${mach.node}, Lighthouse ${mach.lighthouse}. ` +
    `Build: commit ${mach.commit}${mach.dirty ? ' plus uncommitted changes to the app' : ''}. ` +
    `Load average before measuring: ${load}; Lighthouse benchmarkIndex (median): ${fmtN(median(lh.map((r) => r.benchmarkIndex)))}. ` +
    'A shared 2-core machine: expect noise of a few points and tens of ms between runs.');
  L.push('');
  const t4g = `${SLOW_4G.rttMs} ms RTT, ${(SLOW_4G.throughputKbps / 1024).toFixed(1)} Mbit/s down`;
  const applied = `CDP \`Network.emulateNetworkConditions\` latency ${SLOW_4G.requestLatencyMs} ms per request, ` +
    `${SLOW_4G.downloadThroughputKbps.toFixed(2)} kbit/s down, ${SLOW_4G.uploadThroughputKbps} kbit/s up, ` +
    `\`Emulation.setCPUThrottlingRate\` ${SLOW_4G.cpuSlowdownMultiplier}`;
  L.push(`## Lighthouse — mobile, slow 4G (${t4g}) and ${SLOW_4G.cpuSlowdownMultiplier}× CPU: median of ${LH_RUNS} runs per page with applied throttling, ${LH_SIM_RUNS} with simulated`);
  L.push('');
  L.push('| page | Performance (applied) | Performance (simulated) | Accessibility | Best Practices | SEO | FCP | LCP | LCP (simulated) | TBT | TBT at index 1000 | CLS | first load: app files | first load: API answers | idle prefetch: chunks | prefetch starts | benchmarkIndex |');
  L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of lh) {
    const runs = [r.runs < LH_RUNS ? `${r.runs} of ${LH_RUNS} applied runs` : '', r.simRuns < LH_SIM_RUNS ? `${r.simRuns} of ${LH_SIM_RUNS} simulated runs` : ''].filter(Boolean).join(', ');
    L.push(`| ${r.label}${runs ? ` (${runs})` : ''} | ${fmtN(r.perf)} | ${fmtN(r.simPerf)} | ${fmtN(r.a11y)} | ${fmtN(r.bp)} | ${fmtN(r.seo)} | ${fmtMs(r.fcp)} | ${fmtMs(r.lcp)} | ${fmtMs(r.simLcp)} | ${fmtMs(r.tbt)} | ${fmtMs(r.tbtNorm)} | ${fmtCls(r.cls)} | ${fmtKiB(r.appBytes)} | ${fmtKiB(r.apiBytes)} | ${fmtKiB(r.prefetchBytes)} | ${fmtMs(r.idleAt)} | ${fmtN(r.benchmarkIndex)} |`);
  }
  L.push('');
  L.push(`**Applied** throttling (Lighthouse \`throttlingMethod: 'devtools'\`: ${applied} — Lighthouse's ` +
    'slow-4G figures adjusted for request-level throttling): the page really loads that slowly, and FCP, LCP, TBT and ' +
    'CLS are what was observed; every column without "(simulated)" comes from these runs, and the budget is held ' +
    'against them. **Simulated** (Lighthouse\'s default, as PageSpeed Insights): one unthrottled loopback load replayed ' +
    'at slow-4G/4×-CPU speed; on loopback the app renders before the static shell is ever painted, so the simulation ' +
    'takes a late app element for the LCP where a phone paints the shell\'s heading first — shown for comparison only.');
  L.push('');
  L.push('Bytes as served over the network in the applied runs (brotli where the backend has a precompressed file), ' +
    'from Lighthouse\'s network records. **First load** = everything but the idle prefetch: the app\'s files requested ' +
    'before it (HTML, JS, wasm, CSS, and the chunk of the route\'s own flow) and the API\'s answers (JSON, the coat of ' +
    'arms, the hearing\'s photo). **Idle prefetch** = app files requested after it starts (the other flows\' chunks, ' +
    '`src/lazy.rs`); "prefetch ' +
    'starts" is when, from navigation start — the first `requestIdleCallback` callback after the `load` event, marked ' +
    'by an init script. "TBT at index 1000" = TBT × the run\'s benchmarkIndex / 1000 (median over runs): CPU time ' +
    'scales about inversely with the index, so this compares across differently loaded machines where TBT itself does not.');
  const notes = lh.flatMap((r) => [
    ...r.problems.map((p) => `- ⚠ ${r.key}: the audited page was not the intended one: ${p}`),
    ...(r.failed.length ? [`- ${r.key}: audits below 100 % outside Performance: ${r.failed.join(', ')}`] : []),
  ]);
  if (notes.length) L.push('', ...notes);
  L.push('');
  L.push('Diagnostics: the LCP element and its phases (applied: the run nearest the median LCP; simulated: its first run); layout shifts per applied run (element, score).');
  L.push('');
  for (const r of lh) {
    if (!r.diag) continue;
    const code = (x) => '`' + String(x).replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 80) + '`';
    const shifts = r.shiftRuns.map((x) => (x ? code(x) : 'none')).join(' / ');
    const sim = r.simDiag ? `; simulated ${fmtMs(r.simDiag.lcp)} ${r.simDiag.lcpElement ? code(r.simDiag.lcpElement) : '?'}` : '';
    L.push(`- ${r.key}: LCP ${fmtMs(r.diag.lcp)} ${r.diag.lcpElement ? code(r.diag.lcpElement) : '?'} (${r.diag.lcpPhases || '?'}; all runs ${r.lcpRuns.map(fmtMs).join(', ')})${sim}; shifts: ${shifts}`);
  }
  L.push('');
  L.push(`## From the letter to the case — the QR landing pages under applied throttling, median of ${TIMING_RUNS} runs`);
  L.push('');
  L.push(`Slow 4G and ${SLOW_4G.cpuSlowdownMultiplier}× CPU exactly as the applied Lighthouse runs (${applied}), cold cache, ` +
    'Lighthouse\'s mobile screen (412 × 823): navigation start of the QR link → the element the citizen needs is painted ' +
    '(Element Timing: an init script finds the element by its text the moment the app inserts it and marks it with ' +
    '`elementtiming`; the time is the paint of its last text).');
  L.push('');
  L.push('| what | element | median | min | max | runs | reference (same runs) | ratio to reference |');
  L.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const t of qrTimings) L.push(`| ${t.label} | ${t.page.visible.what} | ${fmtMs(t.median)} | ${fmtMs(t.min)} | ${fmtMs(t.max)} | ${t.runs} | ${fmtMs1(t.ref)} | ${fmtRatio(t.ratio)} |`);
  L.push('');
  L.push('The reference is the in-browser timings\' CPU reference (below), timed right before each run. Most of this time ' +
    'is the throttled network (fixed by the throttling, the same on any machine), the rest CPU (compiling and running ' +
    'the wasm at 4×, which a busier machine stretches): so the milliseconds move less with load than the CPU timings ' +
    'do, and the ratio more — compare the ratio only between runs of similar benchmarkIndex.');
  L.push('');
  L.push(`## In-browser timings — Performance API, CDP \`Emulation.setCPUThrottlingRate\` ${CPU_RATE}, no network throttling (loopback), median of ${TIMING_RUNS} runs`);
  L.push('');
  L.push('| what | median | min | max | runs | reference (same runs) | ratio to reference |');
  L.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const t of timings) L.push(`| ${t.label} | ${fmtMs1(t.median)} | ${fmtMs1(t.min)} | ${fmtMs1(t.max)} | ${t.runs} | ${fmtMs1(t.ref)} | ${fmtRatio(t.ratio)} |`);
  L.push('');
  L.push('Reference: 300 table rows with German-formatted amounts and dates replace a page\'s content, a new ' +
    '`h1` takes focus, layout is forced — on a minimal page without the app, in the same browser under the ' +
    'same throttling, right before each run (median of five after a warm-up). The ratio (median ÷ median of its references) is the figure to compare between runs on ' +
    'differently loaded machines; the milliseconds are this machine\'s at this moment.');
  L.push('');

  // Budget
  const byKey = Object.fromEntries(lh.map((r) => [r.key, r]));
  const tm = Object.fromEntries(timings.map((t) => [t.key, t]));
  const check = (x, ok) => (Number.isFinite(x) ? ok(x) : null);
  // [name, budget text, key, check(value, page) — null where the figure has no budget, format]
  const perPage = [
    ['Lighthouse Performance (applied throttling)', '≥ 95', 'perf', (x) => x >= 95, fmtN],
    ['Accessibility', '100', 'a11y', (x) => x >= 100, fmtN],
    ['Best Practices', '100', 'bp', (x) => x >= 100, fmtN],
    ['SEO', '≥ 90', 'seo', (x) => x >= 90, fmtN],
    ['LCP', '≤ 2.0 s QR landing, ≤ 1.2 s other', 'lcp', (x, p) => x <= (p.qr ? 2000 : 1200), fmtMs],
    ['TBT', '≤ 100 ms', 'tbt', (x) => x <= 100, fmtMs],
    ['CLS', '0', 'cls', (x) => x === 0, fmtCls],
    ['first load as served (app files and API answers, before the idle prefetch)', '≤ 200 KiB catalogue and QR landing', 'firstBytes', (x, p) => (p.firstLoad ? x <= 200 * 1024 : null), fmtKiB],
  ];
  let met = 0;
  let missed = 0;
  const cell = (v, ok, f) => {
    if (ok === true) met++;
    if (ok === false) missed++;
    return `${f(v)} ${mark(ok)}`;
  };
  L.push('## Budget');
  L.push('');
  L.push(`| figure | budget | ${PAGES.map((p) => p.key).join(' | ')} |`);
  L.push(`|---|---|${PAGES.map(() => '---:').join('|')}|`);
  for (const [name, budget, k, ok, f] of perPage) {
    L.push(`| ${name} | ${budget} | ${PAGES.map((p) => cell(byKey[p.key]?.[k], check(byKey[p.key]?.[k], (x) => ok(x, p)), f)).join(' | ')} |`);
  }
  L.push('');
  L.push('| figure | budget | now |');
  L.push('|---|---|---:|');
  L.push(`| first load (HTML + JS + wasm + CSS), brotli -q 11 on disk (size report) | ≤ 200 KiB | ${cell(brotli, check(brotli, (x) => x <= 200 * 1024), fmtKiB)} |`);
  for (const t of qrTimings) L.push(`| ${t.label} (citizen sees the ${t.page.key === 'hearing' ? 'case' : 'notice'}) | ≤ 2.0 s | ${cell(t.median, check(t.median, (x) => x <= 2000), fmtMs)} |`);
  L.push(`| wizard step change | ≤ 50 ms | ${cell(tm.step?.median, check(tm.step?.median, (x) => x <= 50), fmtMs1)} |`);
  L.push(`| GiroCode build and render: click → QR on the page (c) | ≤ 5 ms | ${cell(tm.girocode?.median, check(tm.girocode?.median, (x) => x <= 5), fmtMs1)} |`);
  L.push(`| click that needs a chunk not yet loaded (d) | ≤ 100 ms | ${cell(tm['chunk-click']?.median, check(tm['chunk-click']?.median, (x) => x <= 100), fmtMs1)} |`);
  L.push(`| the same click after the idle prefetch (d′) | ≤ 100 ms | ${cell(tm['chunk-click-prefetched']?.median, check(tm['chunk-click-prefetched']?.median, (x) => x <= 100), fmtMs1)} |`);
  L.push('');
  L.push(`The budget is held against the whole interaction (c); building the code itself (c′) takes ${fmtMs1(tm['girocode-build']?.median)}.`);
  L.push('');
  L.push(`Budget: ${met} figures met, ${missed} missed.`);
  L.push('');
  L.push('Stable between runs on differently loaded machines: the bytes (exact), CLS, Accessibility and Best ' +
    'Practices; the applied FCP and the LCP where it is the static shell\'s heading (network-bound: two throttled ' +
    'round trips, document and CSS, ≈ 1.2 s plus a little CPU); Lighthouse\'s simulated FCP and LCP (they follow the ' +
    'simulated network, but the simulated LCP is the wrong element — see above); "TBT at index 1000" and the ' +
    'in-browser timings\' ratios to the reference (roughly — within about ±20 %). Partly stable: the applied LCP ' +
    'where the app paints it and the QR pages\' time to the case — mostly throttled network, but the wasm\'s ' +
    'compile and start at 4× CPU is a few hundred ms that a busier machine stretches. Not stable: TBT and the ' +
    'in-browser milliseconds themselves (they scale with the CPU time the machine has to spare) and hence the ' +
    'Performance scores, which weight TBT 30 %.');
  L.push('');
  L.push('## Size report (`scripts/size-report.sh`, bytes)');
  L.push('');
  L.push('```');
  L.push(size);
  L.push('```');
  L.push('');
  L.push('## Largest contributors to the wasm (twiggy)');
  L.push('');
  L.push('`cargo build --profile size-analysis` (release with symbol names), then the same wasm-bindgen and ' +
    '`wasm-opt -Oz` as Trunk, with `-g` to keep the names: the code and data are the shipped ones; the ' +
    '"function names" subsection exists only in this analysis build. Sizes are raw bytes before compression.');
  const crates = crateBreakdown();
  if (crates) {
    L.push('');
    L.push('Per crate (shallow bytes, top 15; approximate — generic code counts for the crate that defines it):');
    L.push('');
    L.push('| crate | bytes | share |');
    L.push('|---|---:|---:|');
    for (const [c, n] of crates.rows.slice(0, 15)) L.push(`| ${c} | ${n} | ${((100 * n) / crates.total).toFixed(1)} % |`);
  }
  L.push('');
  L.push('```');
  L.push('$ twiggy top -n 20');
  L.push(readRaw('twiggy-top.txt'));
  L.push('');
  L.push('$ twiggy dominators -d 2 -r 25');
  L.push(readRaw('twiggy-dominators.txt'));
  L.push('');
  L.push('$ twiggy monos -m 12 -n 0   # generic functions instantiated many times');
  L.push(readRaw('twiggy-monos.txt'));
  L.push('```');
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

// `BENCH_TIMINGS=step,girocode node bench/bench.mjs` (against a running backend): just those
// in-browser timings, printed, no report written — for trying a change quickly.
if (process.env.BENCH_TIMINGS) {
  const keys = process.env.BENCH_TIMINGS.split(',');
  for (const t of await timingsAll([...TIMINGS, ...QR_TIMINGS].filter((t) => keys.includes(t.key)))) console.log(`${t.key}: median ${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}, ${t.runs} runs); reference ${t.ref.toFixed(1)} ms, ratio ${t.ratio.toFixed(2)}`);
  process.exit(0);
}

const started = Date.now();
const when = new Date().toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
const mach = machine();
log(`measuring ${BASE} with ${mach.chromium}; load average ${load}`);
let t0 = Date.now();
const lh = await lighthouseAll();
log(`Lighthouse: ${Math.round((Date.now() - t0) / 1000)} s`);
t0 = Date.now();
const qrTimings = await timingsAll(QR_TIMINGS);
log(`QR landing timings: ${Math.round((Date.now() - t0) / 1000)} s`);
t0 = Date.now();
const timings = await timingsAll();
log(`in-browser timings: ${Math.round((Date.now() - t0) / 1000)} s`);
const md = report({ when, mach, load, lh, timings, qrTimings });
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, md);
process.stdout.write(md);
log(`measured in ${Math.round((Date.now() - started) / 1000)} s; report written to ${OUT}`);
