// Long main-thread tasks of a page load under 4x CPU and slow 4G, with what ran in them.
import puppeteer from 'puppeteer-core';
import { throttling as LH_THROTTLING } from 'lighthouse/core/config/constants.js';
import { readFileSync } from 'node:fs';
const S = LH_THROTTLING.mobileSlow4G;
const CDP = { offline: false, latency: S.requestLatencyMs, downloadThroughput: Math.floor((S.downloadThroughputKbps * 1024) / 8), uploadThroughput: Math.floor((S.uploadThroughputKbps * 1024) / 8) };
const b = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await b.newPage();
await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true });
const cdp = await page.createCDPSession();
await cdp.send('Network.enable'); await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
await cdp.send('Network.emulateNetworkConditions', CDP);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.tracing.start({ path: '/tmp/trace.json', categories: ['disabled-by-default-v8.wasm.detailed', 'v8.wasm', 'disabled-by-default-v8.compile', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading'] });
await page.goto(process.argv[2], { waitUntil: 'domcontentloaded' });
await new Promise((r) => setTimeout(r, 9000));
await page.tracing.stop();
await b.close();
const { traceEvents } = JSON.parse(readFileSync('/tmp/trace.json', 'utf8'));
const nav = traceEvents.find((e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser');
const main = traceEvents.filter((e) => e.name === 'RunTask' && e.dur > 50000 && e.ph === 'X');
// the renderer main thread: the thread with most RunTask time
const byTid = {};
for (const e of main) byTid[e.pid + ':' + e.tid] = (byTid[e.pid + ':' + e.tid] || 0) + e.dur;
const t0 = traceEvents.filter((e) => e.name === 'navigationStart').map((e) => e.ts).sort()[0] ?? main[0]?.ts;
let tbt = 0;
for (const task of main) {
  const inside = traceEvents.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur || 0) <= task.ts + task.dur && e !== task && e.dur > 0);
  const top = {};
  for (const e of inside) { const k = e.name + (e.args?.data?.url ? ' ' + e.args.data.url.split('/').pop().slice(0, 30) : '') + (e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''); top[k] = (top[k] || 0) + e.dur; }
  const list = Object.entries(top).sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(' | ');
  tbt += task.dur / 1000 - 50;
  console.log(`at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms [${task.tid}] ${list}`);
}
console.log('sum over 50 ms:', tbt.toFixed(0), byTid);
