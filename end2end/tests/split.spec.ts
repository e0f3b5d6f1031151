import { test, expect, waitForApp, provokesNetworkErrors } from './fixtures';

// The release build is split by route (src/lazy.rs, scripts/build-split.sh): the catalogue and
// the QR landing pages need only the main wasm (one request: splitting them off as well was
// measured and dropped, see README "Size report"); the other flows' chunks are loaded on first use
// and prefetched when the browser is idle after the page has loaded.

const CHUNK = /\/(split|chunk)_[a-z0-9_]+-[0-9a-f]+\.wasm$/;

test.describe('code split by route', () => {
  test('the catalogue loads the main wasm only; the other flows come after the page, when idle', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await expect(page.getByRole('link', { name: 'Melderegisterauskunft' })).toBeVisible();
    // The prefetch has run: the form flow's chunk is there.
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/split_wizard-/.test(e.name))))
      .toBe(true);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        loaded: nav.loadEventEnd,
        wasm: performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('.wasm'))
          .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime })),
      };
    });
    const main = timing.wasm.filter((w) => w.name.endsWith('_bg.wasm'));
    expect(main, 'one main wasm').toHaveLength(1);
    expect(main[0].start).toBeLessThan(timing.loaded);
    const chunks = timing.wasm.filter((w) => CHUNK.test(w.name));
    expect(chunks.length, 'prefetched chunks').toBeGreaterThan(0);
    for (const c of chunks) {
      expect(c.start, `${c.name} is fetched after the page has loaded`).toBeGreaterThanOrEqual(timing.loaded);
    }
  });

  test('the QR landing pages need no chunk before they show', async ({ page }) => {
    // Held back: a chunk the page needed would keep it from showing.
    await page.route(CHUNK, () => {});
    for (const [path, h1] of [
      ['/anhoerung', 'Online-Anhörung'],
      ['/zahlen', 'Bescheid bezahlen'],
    ]) {
      await page.goto(path);
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
      await expect(page.getByRole('textbox').first()).toBeVisible();
    }
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  test('a link to a lazy route opens it, also as the first page', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeFocused();
    await page.goto('/barrierefreiheit');
    await expect(page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' })).toBeVisible();
  });

  test('a chunk that cannot be loaded shows a message with a retry, not a blank page', async ({ page }) => {
    provokesNetworkErrors();
    // The statement pages' chunk (also its prefetch) fails as offline.
    const INFO = /\/split_info-[0-9a-f]+\.wasm$/;
    await page.route(INFO, (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    await waitForApp(page);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Seite konnte nicht geladen werden' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Internetverbindung');
    await expect(page).toHaveTitle(/Seite konnte nicht geladen werden/);
    // The header and footer still work: the app lives on.
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' })).toBeVisible();
    await page.unroute(INFO);
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();
  });
});
