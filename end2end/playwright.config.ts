import { defineConfig, devices } from '@playwright/test';

// The suite runs against the real mock backend serving the real release build in dist/.
const PORT = Number(process.env.E2E_PORT ?? 8091);
// Overridable so two checkouts' suites can run side by side.
const BACKEND = process.env.MOCK_BACKEND_BIN ?? '../target/debug/mock-backend';
const DIST = process.env.DIST_DIR ?? '../dist';
// The town folder the suite's backends serve (the demo town unless overridden).
const TOWN_DIR = process.env.TOWN_DIR ?? '../towns/musterstadt';
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// A second backend whose hearing sessions last 130 s, for the timeout warning (2 min before).
export const SHORT_SESSION_URL = `http://127.0.0.1:${PORT + 2}`;
// A third backend serving the second example town (towns/lindenbach): the smoke pass that keeps
// anything Musterstadt-only from creeping back in.
export const SECOND_TOWN_URL = `http://127.0.0.1:${PORT + 4}`;
const SECOND_TOWN_DIR = process.env.SECOND_TOWN_DIR ?? '../towns/lindenbach';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    locale: 'de-DE',
    trace: 'off',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The back/forward cache stays on, as on real phones (Playwright turns it off by default).
      // A page restored from it fires no `load`: go back and forth across documents with
      // `{ waitUntil: 'commit' }` (historyStep in tests/fixtures.ts).
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: BACKEND,
      url: `${BASE_URL}/api/health`,
      env: { PORT: String(PORT), DIST_DIR: DIST, TOWN_DIR, RATE_LIMIT_PER_MINUTE: '600' },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: BACKEND,
      url: `${SHORT_SESSION_URL}/api/health`,
      env: { PORT: String(PORT + 2), DIST_DIR: DIST, TOWN_DIR, HEARING_SESSION_SECS: '130', ACCOUNT_SESSION_SECS: '130' },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: BACKEND,
      url: `${SECOND_TOWN_URL}/api/health`,
      env: { PORT: String(PORT + 4), DIST_DIR: DIST, TOWN_DIR: SECOND_TOWN_DIR, RATE_LIMIT_PER_MINUTE: '600' },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
