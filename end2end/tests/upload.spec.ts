// Issue 19: uploads on a phone and a weak connection. Chunked, resumable uploads with a real
// progress bar, automatic resume after a cut connection, a button after that, resume after a
// reload, and photos made small and stripped of their EXIF block in the browser.
import { test, expect, expectNoAxeViolations, expectNoHorizontalScroll, provokesNetworkErrors } from './fixtures';
import { Page, Response, APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { ADDRESS, seedAnswers, weiter } from './wizard-helpers';

const CHUNK = 256 * 1024;

async function toProofStep(page: Page) {
  await seedAnswers(page, 'bewohnerparkausweis', {
    vorname: 'Erika', nachname: 'Mustermann', email: 'erika@example.de', zone: 'A', anschrift: ADDRESS,
  });
  await page.goto('/leistungen/bewohnerparkausweis/fahrzeug');
  await page.getByLabel('Kennzeichen').fill('MU-AB 123');
  await page.getByLabel('Ja').check();
  await weiter(page).click();
  await expect(page).toHaveURL(/\/nachweise$/);
  return page.getByLabel('Zulassungsbescheinigung Teil I');
}

/** A PDF (by its first bytes) of `size` bytes of noise: what the server stores must match it. */
function bigPdf(size: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);
}

/** Receipts of finished uploads as the browser received them. */
function receipts(page: Page): string[] {
  const ids: string[] = [];
  page.on('response', async (res: Response) => {
    if (!res.url().includes('/api/v1/uploads/resumable/') || res.status() !== 200) return;
    const body = await res.json().catch(() => null);
    if (body?.receipt?.id) ids.push(body.receipt.id);
  });
  return ids;
}

async function stored(request: APIRequestContext, ids: string[]): Promise<Buffer> {
  // The receipt is read from the response asynchronously: wait for it.
  await expect.poll(() => ids.length).toBe(1);
  const id = ids[0];
  const res = await request.get(`/api/v1/dev/uploads/${id}/content`);
  expect(res.status()).toBe(200);
  return res.body();
}

/** 1.6 Mbit/s both ways, as the benchmark's slow mobile connection. */
async function throttle(page: Page, bitsPerSecond = 1_600_000) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: bitsPerSecond / 8, uploadThroughput: bitsPerSecond / 8,
  });
}

/** Every text the live region showed, in order (announcements, not every byte). */
async function recordStatus(page: Page) {
  await page.evaluate(() => {
    const el = document.querySelector('.uploaded[role="status"]');
    const seen: string[] = [];
    (window as any).__status = seen;
    if (el) new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, subtree: true, characterData: true });
  });
}

test.describe('Uploads on a weak connection', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('throttled, cut once: resumes by itself, reaches 100 %, stores the same bytes', async ({ page, request }) => {
    test.setTimeout(90_000);
    provokesNetworkErrors();
    const upload = await toProofStep(page);
    const ids = receipts(page);
    const file = bigPdf(700_000);
    let cut = false;
    await page.route('**/api/v1/uploads/resumable/*', async (route) => {
      const offset = Number(route.request().headers()['upload-offset'] ?? -1);
      if (!cut && route.request().method() === 'PATCH' && offset >= CHUNK) {
        cut = true;
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await throttle(page);
    await recordStatus(page);
    await upload.setInputFiles({ name: 'zulassung.pdf', mimeType: 'application/pdf', buffer: file });
    const bar = page.getByRole('progressbar', { name: 'Fortschritt beim Hochladen' });
    await expect(bar).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hochladen abbrechen' })).toBeVisible();
    await expect(page.getByText(/MB von 0,7 MB \(\d+ %\)/)).toBeVisible();
    await expectNoAxeViolations(page, 'uploading');
    await expectNoHorizontalScroll(page);
    await expect(page.getByRole('status').filter({ hasText: 'Verbindung unterbrochen – es geht automatisch weiter' })).toBeVisible({ timeout: 20_000 });
    await expectNoAxeViolations(page, 'retrying');
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: zulassung.pdf' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('0,7 MB von 0,7 MB (100 %)')).toBeVisible();
    await expect(bar).toHaveAttribute('value', String(file.length));
    expect(cut).toBe(true);
    await expectNoAxeViolations(page, 'uploaded');
    // Screen readers heard quarters only, never a byte count or another percentage.
    const heard: string[] = await page.evaluate(() => (window as any).__status);
    const percents = heard.filter((t) => t.includes('%'));
    expect(percents.length).toBeGreaterThan(0);
    for (const t of percents) expect(t).toMatch(/^(25|50|75|100) % hochgeladen$/);
    expect((await stored(request, ids)).equals(file)).toBe(true);
    await weiter(page).click();
    await expect(page).toHaveURL(/\/pruefen$/);
    await expect(page.getByText('zulassung.pdf')).toBeVisible();
  });

  test('still cut after the automatic attempts: a resume button, by keyboard; cancel keeps the other answers', async ({ page, request }) => {
    test.setTimeout(90_000);
    provokesNetworkErrors();
    const upload = await toProofStep(page);
    const ids = receipts(page);
    const file = bigPdf(600_000);
    let offline = false;
    await page.route('**/api/v1/uploads/resumable**', async (route) => {
      const offset = Number(route.request().headers()['upload-offset'] ?? -1);
      if (route.request().method() === 'PATCH' && offset >= CHUNK) offline = true;
      if (offline) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await upload.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: file });
    const resume = page.getByRole('button', { name: 'Hochladen fortsetzen' });
    await expect(resume).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('status')).toContainText('Die Verbindung ist weiterhin unterbrochen. Ihre übrigen Angaben bleiben erhalten.');
    await expect(page.getByText(/MB von 0,6 MB \(\d+ %\)/)).toBeVisible();
    await expectNoAxeViolations(page, 'stalled');
    offline = false;
    await page.unroute('**/api/v1/uploads/resumable**');
    await resume.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: scan.pdf' })).toBeVisible({ timeout: 20_000 });
    expect((await stored(request, ids)).equals(file)).toBe(true);

    // Cancel by keyboard: the field is empty again, focus on it, nothing else lost.
    await throttle(page, 400_000);
    await page.getByRole('button', { name: 'Datei entfernen' }).click();
    await upload.setInputFiles({ name: 'zweit.pdf', mimeType: 'application/pdf', buffer: bigPdf(400_000) });
    const cancel = page.getByRole('button', { name: 'Hochladen abbrechen' });
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Hochladen abgebrochen. Ihre übrigen Angaben bleiben erhalten.');
    await expect(upload).toBeFocused();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectNoAxeViolations(page, 'cancelled');
    await page.getByRole('link', { name: 'Zurück' }).or(page.getByRole('button', { name: 'Zurück' })).first().click();
    await expect(page.getByLabel('Kennzeichen')).toHaveValue(/MU-AB 123/i);
  });

  test('after a reload an unfinished upload is offered and continues where it stopped', async ({ page, request }) => {
    test.setTimeout(90_000);
    provokesNetworkErrors();
    let upload = await toProofStep(page);
    const file = bigPdf(600_000);
    let offline = false;
    await page.route('**/api/v1/uploads/resumable**', async (route) => {
      const offset = Number(route.request().headers()['upload-offset'] ?? -1);
      if (route.request().method() === 'PATCH' && offset >= CHUNK) offline = true;
      if (offline) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await upload.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: file });
    await expect(page.getByRole('status').filter({ hasText: 'Verbindung unterbrochen' })).toBeVisible({ timeout: 20_000 });
    // Only the server's random id is kept, never the file name.
    const kept = await page.evaluate(() => sessionStorage.getItem('upload-pending') ?? '');
    expect(kept).toMatch(/res_[a-z0-9]{20}/);
    expect(kept).not.toContain('scan');
    await page.unroute('**/api/v1/uploads/resumable**');
    await page.reload();
    upload = page.getByLabel('Zulassungsbescheinigung Teil I');
    await expect(page.getByRole('status')).toHaveText(/Bitte wählen Sie dieselbe Datei noch einmal aus/);
    await expectNoAxeViolations(page, 'interrupted');
    const offsets: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') offsets.push(Number(r.headers()['upload-offset']));
    });
    const ids = receipts(page);
    await upload.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: file });
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: scan.pdf' })).toBeVisible({ timeout: 20_000 });
    expect(offsets[0]).toBe(CHUNK);
    expect((await stored(request, ids)).equals(file)).toBe(true);
  });

  test('a large photo with EXIF orientation and GPS is made smaller, upright, without EXIF', async ({ page, request }) => {
    test.setTimeout(120_000);
    const upload = await toProofStep(page);
    const ids = receipts(page);
    // 3000 × 1500 pixels as stored: the left half reddish, the right half bluish, with noise so
    // the file is big like a phone photo. Orientation 6: shown turned 90° clockwise (1500 × 3000).
    const pixels = Buffer.from(await page.evaluate(async () => {
      const c = new OffscreenCanvas(3000, 1500);
      const ctx = c.getContext('2d')!;
      const img = ctx.createImageData(3000, 1500);
      for (let i = 0; i < img.data.length; i += 4) {
        const x = (i / 4) % 3000;
        const n = Math.random() * 60;
        img.data[i] = x < 1500 ? 190 + n : n;
        img.data[i + 1] = n;
        img.data[i + 2] = x < 1500 ? n : 190 + n;
        img.data[i + 3] = 255;
      }
      ctx.putImageData(img, 0, 0);
      const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      const url: string = await new Promise((ok) => {
        const r = new FileReader();
        r.onload = () => ok(String(r.result));
        r.readAsDataURL(blob);
      });
      return url.slice(url.indexOf(',') + 1);
    }), 'base64');
    const photo = withExif(pixels);
    expect(hasExif(photo)).toBe(true);
    await upload.setInputFiles({ name: 'IMG_2041.JPG', mimeType: 'image/jpeg', buffer: photo });
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: IMG_2041.jpg' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Foto verkleinert: \d+,\d MB → \d+,\d MB\./)).toBeVisible();
    await expect(page.getByText('Der Aufnahmeort und andere im Foto gespeicherte Angaben (z. B. Aufnahmezeit, Kamera) wurden entfernt.')).toBeVisible();
    await expectNoAxeViolations(page, 'photo');
    const file = await stored(request, ids);
    expect(file.length).toBeLessThan(photo.length);
    expect(hasExif(file)).toBe(false);
    expect(jpegSize(file)).toEqual({ width: 1000, height: 2000 });
    // Upright: what was the left (red) half is now on top, the blue half at the bottom.
    const [top, bottom] = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/dev/uploads/${id}/content`);
      const bmp = await createImageBitmap(await res.blob());
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(bmp, 0, 0);
      const at = (y: number) => Array.from(ctx.getImageData(500, y, 1, 1).data.slice(0, 3));
      return [at(300), at(1700)];
    }, ids[0]);
    expect(top[0]).toBeGreaterThan(150);
    expect(top[2]).toBeLessThan(100);
    expect(bottom[2]).toBeGreaterThan(150);
    expect(bottom[0]).toBeLessThan(100);
  });

  test('a small photo keeps its pixel size but loses its EXIF block, GPS included', async ({ page, request }) => {
    const upload = await toProofStep(page);
    const ids = receipts(page);
    // 800 × 400 as stored, orientation 6: upright it is 400 × 800, below the 2,000 px limit.
    const pixels = Buffer.from(await page.evaluate(async () => {
      const c = new OffscreenCanvas(800, 400);
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#c03030';
      ctx.fillRect(0, 0, 800, 400);
      const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const url: string = await new Promise((ok) => {
        const r = new FileReader();
        r.onload = () => ok(String(r.result));
        r.readAsDataURL(blob);
      });
      return url.slice(url.indexOf(',') + 1);
    }), 'base64');
    const photo = withExif(pixels);
    expect(hasExif(photo)).toBe(true);
    await upload.setInputFiles({ name: 'klein.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen: klein.jpg' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Der Aufnahmeort und andere im Foto gespeicherte Angaben/)).toBeVisible();
    const file = await stored(request, ids);
    expect(hasExif(file)).toBe(false);
    expect(jpegSize(file)).toEqual({ width: 400, height: 800 });
  });
});

/** An APP1 Exif block (big-endian TIFF): Orientation 6 and a GPS position, after the SOI. */
function withExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(92);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0 at 8: Orientation, GPS IFD pointer.
  tiff.writeUInt16BE(2, 8);
  tiff.writeUInt16BE(0x0112, 10); tiff.writeUInt16BE(3, 12); tiff.writeUInt32BE(1, 14); tiff.writeUInt16BE(6, 18);
  tiff.writeUInt16BE(0x8825, 22); tiff.writeUInt16BE(4, 24); tiff.writeUInt32BE(1, 26); tiff.writeUInt32BE(38, 30);
  tiff.writeUInt32BE(0, 34);
  // GPS IFD at 38: latitude ref "N", latitude 52° 31' 0".
  tiff.writeUInt16BE(2, 38);
  tiff.writeUInt16BE(0x0001, 40); tiff.writeUInt16BE(2, 42); tiff.writeUInt32BE(2, 44); tiff.write('N\0', 48, 'ascii');
  tiff.writeUInt16BE(0x0002, 52); tiff.writeUInt16BE(5, 54); tiff.writeUInt32BE(3, 56); tiff.writeUInt32BE(68, 60);
  tiff.writeUInt32BE(0, 64);
  [52, 1, 31, 1, 0, 1].forEach((v, i) => tiff.writeUInt32BE(v, 68 + i * 4));
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** Walks the segments before the image data. */
function segments(jpeg: Buffer): { marker: number; data: Buffer }[] {
  const out: { marker: number; data: Buffer }[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    const len = jpeg.readUInt16BE(i + 2);
    out.push({ marker, data: jpeg.subarray(i + 4, i + 2 + len) });
    if (marker === 0xda) break;
    i += 2 + len;
  }
  return out;
}

function hasExif(jpeg: Buffer): boolean {
  return segments(jpeg).some((s) => s.marker === 0xe1 && s.data.subarray(0, 6).toString('binary') === 'Exif\0\0');
}

function jpegSize(jpeg: Buffer): { width: number; height: number } {
  const sof = segments(jpeg).find((s) => s.marker >= 0xc0 && s.marker <= 0xc2);
  if (!sof) throw new Error('no SOF segment');
  return { height: sof.data.readUInt16BE(1), width: sof.data.readUInt16BE(3) };
}
