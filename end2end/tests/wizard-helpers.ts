import { Locator, Page, expect } from '@playwright/test';
import { waitForApp } from './fixtures';

/** References and resume codes: 8 characters without I, O, Q, Z, 0, 1 (read out on the phone). */
export const CODE = /^[A-HJ-NPR-Y2-9]{8}$/;

export const summaryOf = (page: Page) => page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });

export async function next(page: Page) {
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
}

export const weiter = (page: Page) => page.getByRole('button', { name: 'Weiter', exact: true });

/** German date `TT.MM.JJJJ` `days` from today (negative: in the past). */
export function germanDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`;
}

export function isoToGerman(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * Puts answers into the tab's sessionStorage the way the wizard keeps them, so a test can start
 * on a later step. The page is left on `/` (the app is loaded once, then the wizard reads them).
 */
export async function seedAnswers(page: Page, service: string, answers: Record<string, unknown>) {
  await page.goto('/');
  await waitForApp(page);
  await page.evaluate(
    ([key, value]) => sessionStorage.setItem(key, value),
    [`answers:${service}`, JSON.stringify({ version: 1, answers })],
  );
}

export const ADDRESS = { street: 'Lindenallee', house_number: '4', postal_code: '12345', town: 'Musterstadt' };

export const OWNER = {
  vorname: 'Erika',
  nachname: 'Mustermann',
  geburtsdatum: '1985-03-14',
  anschrift: ADDRESS,
  email: 'erika@example.de',
};

export function dog(name: string, chip: string, listed = 'no') {
  return { name, rasse: 'Mischling', gelistet: listed, geburtsdatum: '2020-02-01', chip, seit: '2020-03-01' };
}

export async function fillAddress(group: Locator, a = ADDRESS) {
  await group.getByLabel('Straße').fill(a.street);
  await group.getByLabel('Hausnummer').fill(a.house_number);
  await group.getByLabel('Postleitzahl').fill(a.postal_code);
  await group.getByLabel('Ort').fill(a.town);
}

/** The visible reference on the confirmation page. */
export async function reference(page: Page): Promise<string> {
  const ref = (await page.locator('.reference [aria-hidden="true"]').innerText()).trim();
  expect(ref).toMatch(CODE);
  return ref;
}

/** Counts application POSTs (a resubmit would show up here). */
export function countSubmits(page: Page): { count: number } {
  const c = { count: 0 };
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/applications') c.count++;
  });
  return c;
}
