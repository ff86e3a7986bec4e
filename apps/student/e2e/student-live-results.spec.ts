import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { addTeacher, uniqueEmail } from '../../../packages/e2e/src/control';
import { e2eOutputsPath, studentUrl } from '../../../packages/e2e/src/environment';

// The teacher writes from this Node process through the real Amplify client; Node 20 has no WebSocket.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

test.beforeAll(async () => {
  configureAmplify(JSON.parse(readFileSync(e2eOutputsPath, 'utf8')) as AmplifyOutputsLike);
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('student-live'), 'Ms Live');
  const { nextStep } = await signIn({ username: email, password: temporaryPassword });
  expect(nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await confirmSignIn({ challengeResponse: `${temporaryPassword}Xy7!` });
});

test.afterAll(async () => {
  await signOut();
});

test('an open exam page shows results written by a teacher without a reload', async ({ page }) => {
  const teacher = generateClient<Schema>();
  const { data: exam } = await teacher.models.Exam.create({ subject: 'Live Geography', date: '2025-06-30', teacher: 'Ms Live' });
  if (!exam) throw new Error('the teacher could not create the exam');

  await page.goto(`${studentUrl}/exams/${exam.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Live Geography' })).toBeVisible();
  await expect(page.getByText('No results yet — this page updates by itself.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  // Set on this very document: still there at the end means the page was never reloaded.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const { data: ada } = await teacher.models.Result.create({ examId: exam.id, student: 'Ada Lovelace', grade: '17/20' });
  const { data: bob } = await teacher.models.Result.create({ examId: exam.id, student: 'Bob Moses', grade: '9/20' });
  if (!ada || !bob) throw new Error('the teacher could not write results');

  const results = page.getByRole('table');
  await expect(results.getByRole('row', { name: 'Ada Lovelace 17/20' })).toBeVisible();
  await expect(results.getByRole('row', { name: 'Bob Moses 9/20' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Grade distribution for Live Geography/ })).toHaveAccessibleDescription(/^2 results\./);

  await teacher.models.Result.update({ id: ada.id, grade: '19/20' });
  await expect(results.getByRole('row', { name: 'Ada Lovelace 19/20' })).toBeVisible();

  await teacher.models.Result.delete({ id: bob.id });
  await expect(results.getByRole('row', { name: /Bob Moses/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Results (1)' })).toBeVisible();

  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
