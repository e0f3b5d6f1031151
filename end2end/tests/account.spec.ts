import { test, expect, accountLink, expectNoAxeViolations, expectNoHorizontalScroll, signOut, waitForApp } from './fixtures';
import { SHORT_SESSION_URL, SECOND_TOWN_URL } from '../playwright.config';
import type { Page } from '@playwright/test';

const MARIE = /Anmelden als Marie-Luise Şükriye Müller-Lüdenscheidt-Großkopf/;

async function signInAs(page: Page, person: RegExp) {
  await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Servicekonto anmelden' })).toBeVisible();
  await page.getByRole('button', { name: person }).click();
  await waitForApp(page);
}

test.describe('sign-in with the citizen account', () => {
  test('from a service start page, to the provider and back, account page, sign out', async ({ page }) => {
    await page.goto('/leistungen/hundeanmeldung');
    await waitForApp(page);
    await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).click();
    await expect(page).toHaveURL(/\/mock-idp\/authorize\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Servicekonto anmelden' })).toBeVisible();
    await expectNoAxeViolations(page, 'mock provider page');
    await page.getByRole('button', { name: MARIE }).click();
    await expect(page).toHaveURL(/\/leistungen\/hundeanmeldung$/);
    // The header: one entry, the name is on the account page.
    await expect(accountLink(page)).toBeVisible();
    await expect(page.getByRole('banner')).not.toContainText('Müller');
    await expectNoAxeViolations(page, 'signed in on a service page');

    // Nothing of the account in web storage, no token in the URL.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(stored).not.toContain('Müller');
    expect(stored).not.toContain('eyJ');
    expect(page.url()).not.toContain('code=');
    // The session cookie is HttpOnly: the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('portal_session');

    await accountLink(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
    await expect(page.getByText('Sie sind angemeldet als Marie-Luise Şükriye Müller-Lüdenscheidt-Großkopf.')).toBeVisible();
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: 'Meine Anträge' })).toBeVisible();
    await expect(main.getByRole('link', { name: /^Postfach/ })).toBeVisible();
    await expect(page.getByText('substanziell (ELSTER-Zertifikat)')).toBeVisible();
    await expect(page.getByText('Rathausplatz 3, 12345 Musterstadt')).toBeVisible();
    await expectNoAxeViolations(page, 'account page');
    // What the account told the portal follows the language switch, dates the German way first.
    const details = page.locator('dl.summary-list');
    await expect(details.getByRole('definition').filter({ hasText: /^\d{2}\.\d{2}\.\d{4}$/ })).toHaveCount(1);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(details.getByText('Trust level', { exact: true })).toBeVisible();
    await expect(details.getByText('Date of birth', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
    await expect(details.getByText('Vertrauensniveau', { exact: true })).toBeVisible();

    await main.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page).toHaveURL(/\/abgemeldet$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' })).toBeVisible();
    await expectNoAxeViolations(page, 'signed out');
    const header = page.getByRole('banner').getByRole('link', { name: 'Anmelden' });
    await expect(header).toBeVisible();
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(401);
    // The provider's session is gone too: its page does not know anyone.
    await header.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Servicekonto anmelden' })).toBeVisible();
    await expect(page.getByText('bereits angemeldet')).toHaveCount(0);
  });

  test('keyboard only at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('/');
    await waitForApp(page);
    const signIn = page.getByRole('banner').getByRole('link', { name: 'Anmelden' });
    for (let i = 0; i < 10 && !(await signIn.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(signIn).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Mit dem Servicekonto anmelden' })).toBeVisible();
    await expectNoHorizontalScroll(page);
    const erika = page.getByRole('button', { name: /Anmelden als Erika Mustermann/ });
    for (let i = 0; i < 10 && !(await erika.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(erika).toBeFocused();
    await page.keyboard.press('Enter');
    await waitForApp(page);
    await expect(accountLink(page)).toBeVisible();
    await page.goto('/konto');
    await expect(page.getByText('Sie sind angemeldet als Erika Mustermann.')).toBeVisible();
    await expect(page.getByText('niedrig (Benutzername und Passwort)')).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test('unlinking asks for confirmation, then deletes and signs out', async ({ page }) => {
    await page.goto('/konto');
    await waitForApp(page);
    await expect(page.getByText('Sie sind nicht mit Ihrem Servicekonto angemeldet.')).toBeVisible();
    await signInAs(page, /Anmelden als Jonas Weißgerber/);
    await expect(page).toHaveURL(/\/konto$/);
    await expect(page.getByText('Beispielhausen', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Verknüpfung lösen …' }).click();
    await expectNoAxeViolations(page, 'unlink confirmation');
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('button', { name: 'Verknüpfung lösen …' }).click();
    await page.getByRole('button', { name: 'Ja, Verknüpfung lösen und Daten löschen' }).click();
    await expect(page.getByRole('status')).toContainText('Die Verknüpfung ist gelöst');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toBeVisible();
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });

  test('a forged callback lands on a clear page without a session', async ({ page }) => {
    await page.goto('/api/v1/auth/callback?code=forged&state=forged');
    await expect(page).toHaveURL(/\/anmeldung-fehlgeschlagen$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Anmeldung fehlgeschlagen' })).toBeVisible();
    await expect(page.locator('#main').getByRole('link', { name: 'Erneut anmelden' })).toBeVisible();
    await expectNoAxeViolations(page, 'sign-in failed');
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });

  test('a cross-site form post with the session cookie is refused', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await signInAs(page, /Anmelden als Erika Mustermann/);
    const res = await page.request.post('/api/v1/me/session', { headers: { Origin: 'http://evil.example' } });
    expect(res.status()).toBe(403);
    const own = await page.request.delete('/api/v1/me', { headers: { Origin: 'http://evil.example' } });
    expect(own.status()).toBe(403);
    expect((await page.request.get('/api/v1/me')).status()).toBe(200);
  });

  test('a town without the account shows no sign-in', async ({ page }) => {
    await page.goto(`${SECOND_TOWN_URL}/`);
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toHaveCount(0);
  });
});

test.describe('services and the account', () => {
  test('optional service: sign in from its start page, prefilled step with marks, submit, sign out', async ({ page }) => {
    await page.goto('/leistungen/hundeanmeldung');
    await waitForApp(page);
    await expect(page.getByRole('link', { name: 'Jetzt starten' })).toBeVisible();
    await page.getByRole('link', { name: 'Mit Servicekonto anmelden' }).click();
    await page.getByRole('button', { name: MARIE }).click();
    await expect(page).toHaveURL(/\/leistungen\/hundeanmeldung$/);
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben zur Halterin oder zum Halter' })).toBeFocused();
    const given = page.getByLabel('Vorname');
    await expect(given).toHaveValue('Marie-Luise Şükriye');
    await expect(given).toHaveAttribute('readonly', '');
    await expect(given).toHaveAccessibleDescription(/Aus Ihrem Servicekonto, amtlich bestätigt/);
    await expect(page.getByLabel('Straße')).toHaveValue('Rathausplatz');
    await expect(page.getByLabel('Hausnummer')).toHaveValue('3');
    const email = page.getByLabel('E-Mail-Adresse');
    await expect(email).toHaveValue('m.mueller-luedenscheidt@example.org');
    await expect(email).not.toHaveAttribute('readonly', '');
    await expect(email).toHaveAccessibleDescription(/^Aus Ihrem Servicekonto\./);
    await expectNoAxeViolations(page, 'prefilled step');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Hunde' })).toBeVisible();
    // The dogs as the wizard keeps them, then on to the last step.
    await page.evaluate(() => {
      const key = 'answers:hundeanmeldung';
      const stored = JSON.parse(sessionStorage.getItem(key) ?? '{}');
      stored.answers.hunde = [{ name: 'Bello', rasse: 'Mischling', gelistet: 'no', geburtsdatum: '2020-02-01', chip: '276098100123456', seit: '2020-03-01' }];
      sessionStorage.setItem(key, JSON.stringify(stored));
    });
    await page.goto('/leistungen/hundeanmeldung/zahlung');
    await page.getByLabel('Nein').check();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Angaben prüfen' })).toBeVisible();
    await expect(page.getByText('aus Ihrem Servicekonto').first()).toBeVisible();
    await expectNoAxeViolations(page, 'check page with account values');
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await expect(page).toHaveURL(/\/bestaetigung$/);
    await signOut(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' })).toBeVisible();
  });

  test('optional service: anonymous use still starts without sign-in', async ({ page }) => {
    await page.goto('/leistungen/melderegisterauskunft');
    await waitForApp(page);
    await expect(page.getByText('Sie können diese Leistung ohne Anmeldung nutzen.')).toBeVisible();
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gesuchte Person' })).toBeFocused();
    await expect(page.getByText('Aus Ihrem Servicekonto')).toHaveCount(0);
  });

  test('required service: sends you to sign-in and back to the same place', async ({ page }) => {
    await page.goto('/leistungen/bewohnerparkausweis');
    await waitForApp(page);
    await expect(page.getByText(/Für diese Leistung melden Sie sich mit Ihrem Servicekonto an/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Jetzt starten' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'required service, signed out');
    await page.getByRole('link', { name: 'Mit Servicekonto anmelden' }).click();
    await page.getByRole('button', { name: /Anmelden als Erika Mustermann/ }).click();
    await expect(page).toHaveURL(/\/leistungen\/bewohnerparkausweis$/);
    await expect(page.getByText(/Sie sind mit dem Vertrauensniveau niedrig/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Jetzt starten' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'required service, trust level too low');
    await signOut(page);
    // Sign-out goes through the provider and back: wait for it to land before navigating again.
    await expect(page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' })).toBeVisible();
    await page.goto('/leistungen/bewohnerparkausweis');
    await page.getByRole('link', { name: 'Mit Servicekonto anmelden' }).click();
    await page.getByRole('button', { name: MARIE }).click();
    await expect(page).toHaveURL(/\/leistungen\/bewohnerparkausweis$/);
    await page.getByRole('link', { name: 'Jetzt starten' }).click();
    await expect(page.getByLabel('Nachname')).toHaveValue('Müller-Lüdenscheidt-Großkopf');
  });
});

test.describe('account session timeout', () => {
  test.use({ baseURL: SHORT_SESSION_URL });

  test('warns before the session ends and extends it', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await signInAs(page, /Anmelden als Erika Mustermann/);
    const warning = page.getByRole('alert').filter({ hasText: 'Ihre Anmeldung endet in' });
    await expect(warning).toBeVisible({ timeout: 15_000 });
    await expectNoAxeViolations(page, 'account session warning');
    await warning.getByRole('button', { name: 'Sitzung verlängern' }).click();
    await expect(warning).toHaveCount(0);
    await expect(accountLink(page)).toBeVisible();
  });
});
