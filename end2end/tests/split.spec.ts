import { test, expect, waitForApp, provokesNetworkErrors, expectNoAxeViolations } from './fixtures';
import { decodeQr } from './qr';

// The release build is split by route (src/lazy.rs, scripts/build-split.sh): the catalogue and
// the QR landing pages need only the main wasm (one request: splitting them off as well was
// measured and dropped, see README "Size report"); the other flows' chunks — also the hearing's
// response forms, opened only after its case page — are loaded on first use and prefetched when
// the browser is idle after the page has loaded.

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

  test('a lazy route opened first: its chunks are preloaded with the document, not after the main wasm', async ({ page }) => {
    // The main wasm held back 1.5 s (a slow connection): the form flow's files start meanwhile.
    const ended: { main?: number } = {};
    const starts = new Map<string, number>();
    page.on('request', (r) => { const p = new URL(r.url()).pathname; if (!starts.has(p)) starts.set(p, Date.now()); });
    page.on('requestfinished', (r) => { if (/\/serviceportal-[0-9a-f]+_bg\.wasm$/.test(r.url())) ended.main = Date.now(); });
    await page.route(/\/serviceportal-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto('/leistungen/melderegisterauskunft/person');
    await expect(page.getByRole('heading', { level: 1, name: 'Gesuchte Person' })).toBeVisible({ timeout: 15_000 });
    const wizard = [...starts.keys()].filter((p) => /^\/split_wizard-/.test(p));
    expect(wizard, 'the form flow\'s chunk was loaded once').toHaveLength(1);
    expect(starts.get(wizard[0])!, 'requested before the main wasm arrived').toBeLessThan(ended.main!);
    const preloaded = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload][href*="chunk_"], link[rel=preload][href*="split_"]')].map((l) => l.getAttribute('href')));
    expect(preloaded.some((h) => /^\/split_wizard-/.test(h ?? ''))).toBe(true);
    expect(preloaded.some((h) => /^\/split_(checkout|account|appointments)-/.test(h ?? '')), 'only this route\'s flow').toBe(false);
    // No other flow's chunk before the idle prefetch, and the catalogue preloads none.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Dienste der Stadt Musterstadt' })).toBeVisible();
    expect(await page.locator('link[rel=preload][href$=".wasm"]').count(), 'the main wasm only').toBe(1);
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
  // The QR encoder is a chunk of its own (src/lazy.rs `qr`): a letter's landing page shows the
  // amount and the transfer data without it, and the code fills its reserved box when it comes.
  const QR_CHUNK = /\/split_qr-[0-9a-f]+\.wasm$/;
  const OVERDUE = '/zahlen#kz=6.0100.000207.9&code=X2RF-7PLC';

  test('the payment QR code arrives without moving the page', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(QR_CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(OVERDUE);
    const transfer = page.getByRole('region', { name: 'Per Überweisung bezahlen' });
    await expect(transfer.getByText('DE09 1234 5678 0001 2345 67')).toBeVisible();
    await expect(transfer.getByRole('img')).toHaveCount(0);
    // In view: a shift is only counted where the citizen sees it.
    await transfer.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => {
      (window as unknown as { shifts: number }).shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number }[]) (window as unknown as { shifts: number }).shifts += e.value;
      }).observe({ type: 'layout-shift' });
    });
    release();
    const img = transfer.getByRole('img', { name: 'GiroCode für eine Überweisung über 669,50 €' });
    await expect(img).toBeVisible();
    expect((await decodeQr(img)).split('\n')[7]).toBe('EUR669.50');
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), 'layout shift when the code arrives').toBe(0);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  test('a QR chunk that cannot be loaded leaves the transfer data, says so, and a retry brings the code', async ({ page }) => {
    provokesNetworkErrors();
    await page.route(QR_CHUNK, (route) => route.abort('internetdisconnected'));
    await page.goto(OVERDUE);
    const transfer = page.getByRole('region', { name: 'Per Überweisung bezahlen' });
    await expect(transfer.getByRole('alert')).toHaveText(
      'Der QR-Code konnte nicht geladen werden. Bitte überweisen Sie mit den Angaben unten oder versuchen Sie es erneut.',
    );
    await expect(transfer.getByText('DE09 1234 5678 0001 2345 67')).toBeVisible();
    await expect(transfer.getByText('669,50 €')).toBeVisible();
    await expectNoAxeViolations(page, 'QR chunk failed');
    await page.unroute(QR_CHUNK);
    await transfer.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(transfer.getByRole('img', { name: 'GiroCode für eine Überweisung über 669,50 €' })).toBeVisible();
    await expect(transfer.getByRole('alert')).toHaveCount(0);
  });

  test('the hearing\'s case page needs no chunk; its response forms load on first use, with a retry', async ({ page }) => {
    provokesNetworkErrors();
    const HEARING = /\/split_hearing-[0-9a-f]+\.wasm$/;
    await page.route(HEARING, (route) => route.abort('internetdisconnected'));
    // A case no test answers (answering would take the link away).
    await page.goto('/anhoerung#az=OWI-2026-000107&code=F6UA-7CTW');
    await expect(page.getByText('Aktenzeichen OWI-2026-000107')).toBeVisible();
    await page.getByRole('link', { name: 'Anhörungsbogen ausfüllen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Seite konnte nicht geladen werden' })).toBeVisible();
    await page.unroute(HEARING);
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben zur Person' })).toBeVisible();
  });
});
