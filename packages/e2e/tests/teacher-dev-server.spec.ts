import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../src/control';
import { e2eOutputsPath, e2ePorts } from '../src/environment';

// The Edit and Delete dialogs under `next dev`, where React's StrictMode runs effects twice:
// the production build the other browser tests use cannot show that.
const devPort = e2ePorts.teacherDevServer;
const devUrl = `http://127.0.0.1:${devPort}`;
const repoRoot = path.resolve(import.meta.dirname, '../../..');
let server: ChildProcess | undefined;

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = spawn('pnpm', ['--filter', '@exam-results/teacher', 'exec', 'next', 'dev', '-H', '127.0.0.1', '-p', String(devPort)], {
    cwd: repoRoot,
    env: { ...process.env, AMPLIFY_OUTPUTS: e2eOutputsPath, NEXT_DIST_DIR: '.next-dev-test', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
    detached: true,
  });
  // `next dev` answers once it has compiled the page: ask until it does, within the hook's time.
  for (let attempt = 0; attempt < 240; attempt++) {
    const answered = await fetch(devUrl).then((response) => response.ok, () => false);
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`next dev did not answer on ${devUrl}`);
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
});

test('under next dev, the Edit and Delete exam dialogs stay open until the teacher answers them', async ({ page }) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('dev-dialogs'), 'Ada Dev');
  const password = 'Chosen-Password-42';
  await page.goto(devUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm Password').fill(password);
  await page.getByRole('button', { name: 'Change Password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your exams' })).toBeVisible({ timeout: 120_000 });

  await page.getByLabel('Subject').fill('Dev dialogs');
  await page.getByLabel('Date').fill('2026-04-04');
  await page.getByRole('button', { name: 'Create exam' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dev dialogs' })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('link', { name: '← All exams' }).click();

  await page.getByRole('button', { name: /^Edit Dev dialogs/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Dev dialogs' });
  await expect(edit).toBeVisible();
  await edit.getByLabel('Subject').fill('Dev dialogs, renamed');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Dev dialogs, renamed', exact: true })).toBeVisible();

  await page.getByRole('button', { name: /^Delete Dev dialogs, renamed/ }).click();
  const removal = page.getByRole('dialog', { name: 'Delete Dev dialogs, renamed?' });
  await expect(removal).toBeVisible();
  await removal.getByRole('button', { name: 'Delete exam' }).click();
  await expect(page.getByText('No exams yet — create your first one above.')).toBeVisible();
});
