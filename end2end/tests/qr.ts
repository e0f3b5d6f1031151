import { Locator, Page, expect } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Decodes the QR code shown in `locator` from a real screenshot, as a phone camera would. */
export async function decodeQr(locator: Locator): Promise<string> {
  await expect(locator).toBeVisible();
  const shot = PNG.sync.read(await locator.screenshot());
  const result = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
  expect(result, 'a QR code was found in the screenshot').not.toBeNull();
  // jsQR decodes byte mode as UTF-8 into `data`; the raw bytes are in binaryData.
  return Buffer.from(result!.binaryData).toString('utf8');
}

/** Decodes a PNG file (the "save image" download). */
export function decodePng(bytes: Buffer): string {
  const png = PNG.sync.read(bytes);
  const result = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(result, 'a QR code was found in the PNG').not.toBeNull();
  return Buffer.from(result!.binaryData).toString('utf8');
}

export async function grantClipboard(page: Page) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
}

export async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
