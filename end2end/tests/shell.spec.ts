import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp, provokesNetworkErrors } from './fixtures';

const PAGES = [
  { path: '/', h1: 'Online-Dienste der Stadt Musterstadt' },
  { path: '/leistungen/melderegisterauskunft', h1: 'Melderegisterauskunft' },
  { path: '/leistungen/gibt-es-nicht', h1: 'Seite nicht gefunden' },
  { path: '/barrierefreiheit', h1: 'Erklärung zur Barrierefreiheit' },
  { path: '/leichte-sprache', h1: 'Leichte Sprache' },
  { path: '/impressum', h1: 'Impressum' },
  { path: '/datenschutz', h1: 'Datenschutz' },
  { path: '/termin', h1: 'Ihre Anliegen' },
  { path: '/termin/buchung', h1: 'Kein Termin geöffnet' },
  { path: '/zahlen', h1: 'Bescheid bezahlen' },
  { path: '/konto/antraege', h1: 'Meine Anträge' },
  { path: '/konto/postfach', h1: 'Postfach' },
  { path: '/diese/seite/fehlt', h1: 'Seite nicht gefunden' },
];

test.describe('page shell', () => {
  for (const { path, h1 } of PAGES) {
    test(`${path}: deep link survives a reload, has a title, landmarks, no axe violations, no sideways scroll at 320 px`, async ({ page }) => {
      // An unknown service is a real 404 from the API, which the browser logs.
      if (path.includes('gibt-es-nicht')) provokesNetworkErrors();
      // Signed out, the account's pages get the API's 401 (and offer sign-in).
      if (path.startsWith('/konto/')) provokesNetworkErrors();
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
      await expect(page).toHaveTitle(new RegExp(`^${h1} – Serviceportal Musterstadt$`));
      await expect(page.getByRole('banner')).toBeVisible();
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.getByRole('contentinfo')).toBeVisible();
      await expectNoAxeViolations(page, path);
      await page.setViewportSize({ width: 320, height: 640 });
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page, `${path} at 320 px`);
    });
  }

  test('footer links reach the statement, easy-to-read, imprint and privacy pages', async ({ page }) => {
    await page.goto('/');
    const footer = page.getByRole('navigation', { name: 'Rechtliches und Hilfe' });
    for (const [link, h1] of [
      ['Erklärung zur Barrierefreiheit', 'Erklärung zur Barrierefreiheit'],
      ['Leichte Sprache', 'Leichte Sprache'],
      ['Impressum', 'Impressum'],
      ['Datenschutz', 'Datenschutz'],
    ]) {
      await footer.getByRole('link', { name: link }).click();
      const heading = page.getByRole('heading', { level: 1, name: h1 });
      await expect(heading).toBeVisible();
      await expect(heading, 'focus moves to the new page heading').toBeFocused();
    }
  });

  test('language switch changes the text and <html lang>, and is remembered', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Online services of the Town of Musterstadt' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Dog registration' })).toBeVisible();
    await expect(page).toHaveTitle(/Service portal/);
    const register = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Register information' }) });
    await expect(register).toContainText('Fee: €7.00');
    await expectNoAxeViolations(page, 'English catalogue');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Online services of the Town of Musterstadt' })).toBeVisible();
    const stored = await page.evaluate(() => Object.keys(localStorage));
    expect(stored, 'only the language preference lives in localStorage').toEqual(['lang']);

    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('link', { name: 'Hundeanmeldung' })).toBeVisible();
  });

  test('keyboard: the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Dienst suchen')).toBeFocused();
  });

  test('the 404 page links back to the start', async ({ page }) => {
    await page.goto('/gibt/es/nicht');
    await page.getByRole('link', { name: 'Zur Startseite' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Online-Dienste der Stadt Musterstadt' })).toBeVisible();
  });
});
