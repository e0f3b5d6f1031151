import { test as base, expect, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Console warnings a test may see without failing, each with the reason. Keep it short: a
 * warning is fixed, not listed, unless the browser itself causes it.
 */
export const ALLOWED_WARNINGS: { pattern: RegExp; why: string }[] = [];

/** Also allowed in a test that provokes failing requests (provokesNetworkErrors). */
const PROVOKED_WARNINGS: { pattern: RegExp; why: string }[] = [
  { pattern: /^request failed: /, why: 'Loaded (src/components/loaded.rs) logs the details of a failed request it shows as a message' },
  { pattern: /^a part of the app could not be loaded/, why: 'src/lazy.rs says so when a route\'s chunk fails to load (and shows a message)' },
];

/** Every test fails on a console error, a console warning (but the allowed ones) or an uncaught page error. */
export const test = base.extend<{ consoleErrors: string[]; cspViolations: string[] }>({
  // Any Content-Security-Policy violation on any page of any test fails it.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          // @ts-ignore exposed by the fixture
          window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      await use(violations);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const warnings: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
        if (msg.type() === 'warning' && !ALLOWED_WARNINGS.some((w) => w.pattern.test(msg.text()))) {
          warnings.push(`${msg.text()} (${msg.location().url})`);
        }
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      // A test that provokes failing requests on purpose (see provokesNetworkErrors) expects the
      // browser's own "Failed to load resource" lines; anything else the app logs still fails it.
      const provoked = base.info().annotations.some((a) => a.type === 'provokes-network-errors');
      const relevant = provoked
        ? errors.filter(
            (e) =>
              !e.startsWith('Failed to load resource') &&
              !e.includes('net::ERR_') &&
              // The split loader (__wasm_split.js) logs a chunk fetch that failed.
              !e.startsWith('TypeError: Failed to fetch'),
          )
        : errors;
      expect(relevant, 'console errors').toEqual([]);
      const unexpected = provoked
        ? warnings.filter((w) => !PROVOKED_WARNINGS.some((p) => p.pattern.test(w)))
        : warnings;
      expect(unexpected, 'console warnings').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Marks a test that makes requests fail on purpose (route.abort, 5xx). */
export function provokesNetworkErrors() {
  base.info().annotations.push({ type: 'provokes-network-errors' });
}

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules: 0 violations. */
export async function expectNoAxeViolations(page: Page, context = '') {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations ${context}`).toEqual([]);
}

/** The page does not scroll sideways (WCAG 1.4.10 reflow at 320 CSS px). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

/**
 * The header's account entry once signed in: one link "Mein Konto" in the navigation
 * "Servicekonto"; its name adds the unread messages in words ("Mein Konto, 2 ungelesene
 * Nachrichten"). Meine Anträge, the Postfach and "Abmelden" are on the page it leads to.
 */
export function accountLink(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Servicekonto' }).getByRole('link', { name: /^Mein Konto(, \d+ ungelesene Nachricht(en)?)?$/ });
}

/** Signs out as a citizen does: "Mein Konto" in the header, then "Abmelden" on that page. */
export async function signOut(page: Page) {
  await accountLink(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Abmelden' }).click();
}

/** Waits until the wasm app has replaced the static shell. */
export async function waitForApp(page: Page) {
  await expect(page.locator('#static-shell')).toHaveCount(0);
}

/**
 * Back or forward across documents. A page restored from the back/forward cache (on in this
 * suite, as on phones) fires no `load`, which `goBack()` would wait for in vain.
 */
export async function historyStep(page: Page, direction: 'back' | 'forward') {
  if (direction === 'back') await page.goBack({ waitUntil: 'commit' });
  else await page.goForward({ waitUntil: 'commit' });
}

/** Records the pages the browser restores from the back/forward cache (their paths). */
export async function recordRestores(page: Page): Promise<string[]> {
  const restored: string[] = [];
  await page.exposeFunction('__reportRestore', (path: string) => restored.push(path));
  await page.addInitScript(() => {
    addEventListener('pageshow', (e) => {
      // @ts-ignore exposed above
      if (e.persisted) window.__reportRestore(location.pathname);
    });
  });
  return restored;
}

/** On how many lines `text` is laid out inside the element (1: it does not break). */
export async function linesOf(element: Locator, text: string): Promise<number> {
  return element.evaluate((el, text) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const all = nodes.map((n) => n.data).join('');
    const start = all.indexOf(text);
    if (start < 0) return 0;
    // The text node and offset of a position in the joined text (a start at a node's end
    // belongs to the next node).
    const at = (pos: number, isStart: boolean): [Text, number] => {
      let rest = pos;
      for (const n of nodes) {
        if (isStart ? rest < n.data.length : rest <= n.data.length) return [n, rest];
        rest -= n.data.length;
      }
      const last = nodes[nodes.length - 1];
      return [last, last.data.length];
    };
    const range = document.createRange();
    range.setStart(...at(start, true));
    range.setEnd(...at(start + text.length, false));
    const tops = new Set(
      [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
    );
    return tops.size;
  }, text);
}
