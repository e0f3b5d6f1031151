import { test, expect, accountLink, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp } from './fixtures';
import type { Page } from '@playwright/test';

// The signed-in header (src/account/nav.rs): one entry of the same size in every state, so
// nothing moves when the session or the unread count arrives (Lighthouse measured CLS 0.193 on
// /konto on a phone when the header still grew to a row of five entries).

const ERIKA = /Anmelden als Erika Mustermann/;

async function signIn(page: Page) {
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: ERIKA }).click();
  await waitForApp(page);
  await expect(accountLink(page)).toBeVisible();
}

/** Where the header ends, where its account slot and the language switch are, where main starts. */
async function geometry(page: Page) {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
    };
    return { header: box('.site-header'), slot: box('.account-slot'), lang: box('.lang-switch'), main: box('#main') };
  });
}

/** The overview is there: heading, the signed-in line and the header's count (in its name). */
async function overviewShown(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
  await expect(page.getByText('Sie sind angemeldet als Erika Mustermann.')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: /^Mein Konto, \d+ ungelesene Nachricht(en)?$/ })).toBeVisible();
}

type Shift = { value: number; sources: string[] };

/** Records every layout shift of the next documents from their start (buffered), as CLS counts them: without those right after input. */
async function recordShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: Shift[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
        if (e.hadRecentInput) continue;
        const sources = (e.sources ?? []).map((s) => {
          const n = s.node as Element | undefined;
          return n ? `${n.nodeName.toLowerCase()}${n.className ? '.' + String(n.className).split(' ').join('.') : ''}` : '?';
        });
        w.__shifts.push({ value: e.value, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts so far, after two more frames (so one of the last change is reported too). */
async function shifts(page: Page): Promise<Shift[]> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
}

const sum = (list: Shift[]) => list.reduce((total, s) => total + s.value, 0);

test.describe('the signed-in header', () => {
  for (const width of [320, 360, 1280]) {
    test(`no layout shift on /konto from page load to the overview at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 720 });
      await signIn(page);
      await recordShifts(page);
      await page.goto('/konto');
      await overviewShown(page);
      const seen = await shifts(page);
      expect(sum(seen), `layout shifts: ${JSON.stringify(seen)}`).toBe(0);
      await expectNoHorizontalScroll(page);
    });

    test(`the account slot keeps its size: no answer yet, signed in, signed out at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 720 });
      await signIn(page);
      await recordShifts(page);
      // Hold the session answer to see the page while it is pending.
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/api/v1/auth/session', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto('/konto');
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
      await expect(page.getByRole('banner').getByRole('link')).toHaveCount(1); // the town's name only
      const pending = await geometry(page);
      expect(pending.slot?.h).toBeGreaterThanOrEqual(44);
      release();
      await overviewShown(page);
      const signedIn = await geometry(page);
      expect(signedIn.header).toEqual(pending.header);
      expect(signedIn.slot).toEqual(pending.slot);
      expect(signedIn.lang).toEqual(pending.lang);
      expect(signedIn.main?.y).toEqual(pending.main?.y);
      // Nor does anything else move when the late answer arrives (the footer stays below).
      const seen = await shifts(page);
      expect(sum(seen), `layout shifts: ${JSON.stringify(seen)}`).toBe(0);
      // The entry itself is a target of at least 24 px (44 px high).
      const link = await accountLink(page).boundingBox();
      expect(link?.height).toBeGreaterThanOrEqual(44);
      expect(link?.width).toBeGreaterThanOrEqual(24);

      await page.unroute('**/api/v1/auth/session');
      await page.context().clearCookies();
      await page.reload();
      await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toBeVisible();
      const signedOut = await geometry(page);
      expect(signedOut.header).toEqual(pending.header);
      expect(signedOut.slot).toEqual(pending.slot);
      expect(signedOut.main?.y).toEqual(pending.main?.y);
    });
  }

  test('axe, and the unread count in words, in English too', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 720 });
    await signIn(page);
    const account = page.getByRole('banner').getByRole('navigation', { name: 'Servicekonto' }).getByRole('link', { name: /^Mein Konto, \d+ ungelesene Nachricht(en)?$/ });
    await expect(account).toBeVisible();
    // The badge shows the number; its text is not read twice.
    await expect(account.locator('.account-badge')).toHaveText(/^\d+$/);
    await expect(account.locator('.account-badge')).toHaveAttribute('aria-hidden', 'true');
    await expectNoAxeViolations(page, 'signed-in header at 360 px');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('navigation', { name: 'Citizen account' }).getByRole('link', { name: /^My account, \d+ unread message(s)?$/ })).toBeVisible();
    await expectNoAxeViolations(page, 'signed-in header in English');
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
  });

  test('keyboard only from any page to the Postfach at 320 px, focus visible', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await signIn(page);
    await page.goto('/leistungen/hundeanmeldung');
    await waitForApp(page);
    const account = accountLink(page);
    for (let i = 0; i < 10 && !(await account.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(account).toBeFocused();
    const ring = await account.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeFocused();
    const postbox = page.getByRole('main').getByRole('link', { name: /^Postfach/ });
    for (let i = 0; i < 10 && !(await postbox.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(postbox).toBeFocused();
    expect(await postbox.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Postfach' })).toBeFocused();
    await expectNoHorizontalScroll(page);
  });
});
