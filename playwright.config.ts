import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';
import { stopsTheBackend } from './packages/e2e/src/control';
import { e2ePorts, e2eOutputsPath, studentUrl } from './packages/e2e/src/environment';

/**
 * Playwright's own Chromium when it is installed; otherwise the system one,
 * from CHROMIUM_PATH or Debian's /usr/bin/chromium. Nothing is downloaded.
 */
function chromiumExecutable(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined;
  const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(system)) {
    throw new Error(`No Chromium found: install Playwright's (pnpm exec playwright install chromium) or Debian's (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
  return system;
}

// STUDENT_APP_URL: where the teacher app's "Open student page" links and QR codes point.
const appEnv = { AMPLIFY_OUTPUTS: e2eOutputsPath, NEXT_DIST_DIR: '.next-e2e', NEXT_TELEMETRY_DISABLED: '1', NEXT_BUILD_TYPECHECKED: '1', STUDENT_APP_URL: studentUrl };

export default defineConfig({
  testDir: '.',
  testMatch: ['apps/*/e2e/**/*.spec.ts', 'packages/e2e/tests/**/*.spec.ts'],
  testIgnore: ['**/node_modules/**'],
  outputDir: 'test-results',
  // Test files run two at a time, each test with a teacher of its own; the tests that stop the
  // backend every other test shares run one at a time once the others are done.
  fullyParallel: false,
  workers: 2,
  projects: [
    { name: 'shared backend', grepInvert: new RegExp(stopsTheBackend.tag) },
    { name: 'backend stopped', grep: new RegExp(stopsTheBackend.tag), dependencies: ['shared backend'], workers: 1 },
  ],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  use: {
    ...devices['Desktop Chrome'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
  },
  webServer: [
    {
      command: 'pnpm --filter @exam-results/e2e run backend',
      url: `http://127.0.0.1:${e2ePorts.control}/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
    },
    {
      command: `pnpm --filter @exam-results/teacher run build && pnpm --filter @exam-results/teacher exec next start -H 127.0.0.1 -p ${e2ePorts.teacher}`,
      url: `http://127.0.0.1:${e2ePorts.teacher}`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 300_000,
    },
    {
      command: `pnpm --filter @exam-results/student run build && pnpm --filter @exam-results/student exec next start -H 127.0.0.1 -p ${e2ePorts.student}`,
      url: `http://127.0.0.1:${e2ePorts.student}`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 300_000,
    },
  ],
});
