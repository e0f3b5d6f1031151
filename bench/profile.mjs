// Developer tool (not part of make bench): CPU profile of one interaction under 4x CPU slowdown,
// printed as the top functions by self time. Use with a build that keeps wasm names
// (scripts/profile-dist.sh).
//   node bench/profile.mjs <scenario> [base-url]   scenario: load | step | girocode | hearing
import puppeteer from 'puppeteer-core';

const [scenario = 'load', base = 'http://127.0.0.1:8097'] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=de-DE'] });
const page = await browser.newPage();
await page.setViewport({ width: 412, height: 823 });
const cdp = await page.createCDPSession();
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

async function prepare() {
  if (scenario === 'step') {
    await page.evaluateOnNewDocument((entries) => { for (const [k, v] of Object.entries(entries)) sessionStorage.setItem(k, v); },
      { 'answers:melderegisterauskunft': JSON.stringify({ version: 1, answers: { gesucht_vorname: 'Max', gesucht_nachname: 'Muster', gesucht_anschrift: { street: 'Bahnhofstraße', house_number: '12a', postal_code: '12345', town: 'Musterstadt' } } }) });
    await page.goto(`${base}/leistungen/melderegisterauskunft/person`);
    await page.waitForSelector('form.wizard-step button[type="submit"]');
    await new Promise((r) => setTimeout(r, 800));
  } else if (scenario === 'girocode') {
    await page.goto(`${base}/girocode`);
    await page.locator('#giro-name').fill('Stadt Musterstadt');
    await page.locator('#giro-iban').fill('DE89 3704 0044 0532 0130 00');
    await page.locator('#giro-amount').fill('12,50');
    await page.locator('#giro-remittance').fill('Gebühr Straße 5');
    await new Promise((r) => setTimeout(r, 500));
  }
}
async function act() {
  if (scenario === 'load') {
    await page.goto(`${base}/`);
    await page.waitForSelector('#search');
    await new Promise((r) => setTimeout(r, 500));
  } else if (scenario === 'hearing') {
    await page.goto(`${base}/anhoerung#az=OWI-2026-000101&code=K7MP-3XTA`);
    await page.waitForSelector('.payment-qr svg');
    await new Promise((r) => setTimeout(r, 300));
  } else if (scenario === 'step') {
    await page.locator('form.wizard-step button[type="submit"]').click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent.includes('Zweck'));
  } else {
    await page.locator('button ::-p-text(GiroCode erstellen)').click();
    await page.waitForSelector('.payment-qr svg');
  }
}
await prepare();
const N = Number(process.env.N ?? 5);
const self = new Map();
let total = 0;
for (let i = 0; i < N; i++) {
  if (i > 0) { await page.goto('about:blank'); await prepare(); }
  await cdp.send('Profiler.start');
  await act();
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, k) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anon'})`;
    const d = (dt[k + 1] ?? 0) / 1000;
    if (name === '(idle)' || name === '(program)') return;
    self.set(name, (self.get(name) ?? 0) + d);
    total += d;
  });
}
console.log(`${scenario}: busy ${(total / N).toFixed(1)} ms per run (4x), top self time:`);
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))
  .forEach(([k, v]) => console.log(`${(v / N).toFixed(2).padStart(8)} ms  ${k.slice(0, 150)}`));
await browser.close();
