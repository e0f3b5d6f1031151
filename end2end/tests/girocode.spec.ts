import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, waitForApp } from './fixtures';
import { decodeQr, decodePng, grantClipboard, clipboardText } from './qr';
import { readFileSync } from 'fs';

const EXPECTED = [
  'BCD', '002', '1', 'SCT', '', 'Stadt Musterstadt', 'DE89370400440532013000', 'EUR12.50', '', '', 'Gebuehr Strasse 5',
].join('\n');

async function fillValid(page) {
  await page.getByLabel('Empfänger').fill('Stadt Musterstadt');
  await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await page.getByLabel('Betrag in Euro').fill('12,50');
  await page.getByLabel('Verwendungszweck').fill('Gebühr Straße 5');
}

test.describe('GiroCode generator and payment QR component', () => {
  test('is reachable from the footer and renders a code that decodes to the exact EPC payload', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Rechtliches und Hilfe' }).getByRole('link', { name: 'GiroCode erstellen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'GiroCode erstellen' })).toBeVisible();
    await fillValid(page);
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    const qr = page.getByRole('img', { name: 'GiroCode für eine Überweisung über 12,50 €' });
    expect(await decodeQr(qr)).toBe(EXPECTED);
    // The transfer data as text: IBAN grouped for reading, amount German, umlauts as typed.
    const data = page.locator('.transfer-data');
    await expect(data).toContainText('DE89 3704 0044 0532 0130 00');
    await expect(data).toContainText('12,50 €');
    await expect(data).toContainText('Stadt Musterstadt');
    await expectNoAxeViolations(page, 'generator with code');
  });

  test('copy buttons copy the raw values and announce "kopiert"', async ({ page }) => {
    await grantClipboard(page);
    await page.goto('/girocode');
    await fillValid(page);
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    await page.getByRole('button', { name: 'Kopieren IBAN' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'IBAN kopiert' })).toBeAttached();
    expect(await clipboardText(page)).toBe('DE89370400440532013000');
    await page.getByRole('button', { name: 'Kopieren Betrag' }).click();
    expect(await clipboardText(page)).toBe('12,50');
    await page.getByRole('button', { name: 'Kopieren Verwendungszweck' }).click();
    expect(await clipboardText(page)).toBe('Gebühr Straße 5');
  });

  test('"Bild speichern" downloads a PNG that decodes to the same payload', async ({ page }) => {
    await page.goto('/girocode');
    await fillValid(page);
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Bild speichern' }).click()]);
    expect(download.suggestedFilename()).toBe('GiroCode.png');
    const path = await download.path();
    expect(decodePng(readFileSync(path!))).toBe(EXPECTED);
  });

  test('invalid input gets a clear message per field and no code', async ({ page }) => {
    await page.goto('/girocode');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
    await page.getByLabel('Betrag in Euro').fill('12,505');
    await page.getByLabel('Verwendungszweck').fill('x'.repeat(141));
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(4);
    await expect(summary).toContainText('Empfänger: Angabe fehlt.');
    await expect(summary).toContainText('IBAN: Prüfziffer stimmt nicht.');
    await expect(summary).toContainText('Verwendungszweck: höchstens 140 Zeichen.');
    await expect(page.getByLabel('Betrag in Euro')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('img', { name: /GiroCode/ })).toHaveCount(0);
    await expectNoAxeViolations(page, 'generator errors');
    await page.getByLabel('Betrag in Euro').fill('1000000000');
    await page.getByRole('button', { name: 'GiroCode erstellen' }).click();
    await expect(summary).toContainText('Betrag: außerhalb des erlaubten Bereichs');
  });

  test('works by keyboard only and at 360 px without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/girocode');
    await waitForApp(page);
    await page.getByLabel('Empfänger').focus();
    await page.keyboard.type('Stadt Musterstadt');
    await page.keyboard.press('Tab');
    await page.keyboard.type('DE89370400440532013000');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12,50');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Gebühr Straße 5');
    await page.keyboard.press('Enter');
    const qr = page.getByRole('img', { name: /GiroCode für eine Überweisung/ });
    expect(await decodeQr(qr)).toBe(EXPECTED);
    await expect(page.getByRole('heading', { name: 'Per Überweisung bezahlen' })).toBeFocused();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, 'generator at 360 px');
  });
});
