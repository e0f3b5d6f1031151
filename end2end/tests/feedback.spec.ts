import { test, expect, expectNoAxeViolations, provokesNetworkErrors } from './fixtures';

test.describe('accessibility feedback form', () => {
  test('empty submit shows an error summary that links to the field', async ({ page }) => {
    await page.goto('/barrierefreiheit');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    const message = page.getByLabel('Ihre Rückmeldung', { exact: true });
    await expect(message).toHaveAttribute('aria-invalid', 'true');
    await expect(message).toHaveAccessibleDescription(/Bitte geben Sie Ihre Rückmeldung ein\./);
    await expectNoAxeViolations(page, 'feedback errors');
    await summary.getByRole('link', { name: 'Bitte geben Sie Ihre Rückmeldung ein.' }).click();
    await expect(message).toBeFocused();
  });

  test('an invalid email is named specifically, and the typed text is kept', async ({ page }) => {
    await page.goto('/barrierefreiheit');
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill('Der Kontrast der Links ist zu schwach.');
    await page.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('nicht-gültig');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('link', { name: 'Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.' })).toBeVisible();
    await expect(page.getByLabel('Ihre Rückmeldung', { exact: true })).toHaveValue('Der Kontrast der Links ist zu schwach.');
  });

  test('happy path: feedback is sent and acknowledged with its number', async ({ page }) => {
    await page.goto('/barrierefreiheit');
    const text = `Der Fokus ist auf der Suche kaum sichtbar. ${Date.now()}`;
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill(text);
    await expect(page.getByText(`Noch ${2000 - text.length} Zeichen`)).toBeVisible();
    await page.getByLabel('E-Mail-Adresse für eine Antwort (freiwillig)').fill('anna@example.org');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/feedback') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Rückmeldung senden' }).click(),
    ]);
    expect(response.status()).toBe(201);
    const { id } = await response.json();
    const thanks = page.getByRole('status').filter({ hasText: 'Vielen Dank' });
    await expect(thanks).toContainText(`(Nummer ${id})`);
    await expect(thanks).toBeFocused();
    await expectNoAxeViolations(page, 'feedback sent');
    await page.getByRole('button', { name: 'Weitere Rückmeldung schreiben' }).click();
    await expect(page.getByLabel('Ihre Rückmeldung', { exact: true })).toHaveValue('');
  });

  test('the server\'s 422 messages are shown per field', async ({ page }) => {
    provokesNetworkErrors();
    await page.route('**/api/v1/feedback', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Es gibt ein Problem', status: 422, errors: { message: ['Vom Server abgelehnt.'] } }),
      }),
    );
    await page.goto('/barrierefreiheit');
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill('Text');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('link', { name: 'Vom Server abgelehnt.' })).toBeVisible();
    await expect(page.getByLabel('Ihre Rückmeldung', { exact: true })).toHaveValue('Text');
  });

  test('a network failure keeps the text and says so', async ({ page }) => {
    provokesNetworkErrors();
    await page.route('**/api/v1/feedback', (route) => route.abort('connectionrefused'));
    await page.goto('/barrierefreiheit');
    await page.getByLabel('Ihre Rückmeldung', { exact: true }).fill('Bitte größere Schrift');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('alert')).toContainText('Keine Verbindung zum Server');
    await expect(page.getByLabel('Ihre Rückmeldung', { exact: true })).toHaveValue('Bitte größere Schrift');
    await page.unroute('**/api/v1/feedback');
    await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Vielen Dank' })).toBeVisible();
  });
});
