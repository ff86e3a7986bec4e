import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import WebSocket from 'ws';
import { addTeacher, uniqueEmail } from '../../../packages/e2e/src/control';
import { e2eOutputsPath } from '../../../packages/e2e/src/environment';
import { expectNoReload, openExam, studentRow } from '../../../packages/e2e/src/student-pages';

// The teacher writes from this Node process through the real Amplify client; Node 20 has no WebSocket.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

test.beforeAll(async () => {
  configureAmplify(JSON.parse(readFileSync(e2eOutputsPath, 'utf8')) as AmplifyOutputsLike);
  await signOut();
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('student-live'), 'Ms Live');
  const { nextStep } = await signIn({ username: email, password: temporaryPassword });
  expect(nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await confirmSignIn({ challengeResponse: 'Chosen-Password-42' });
});

test.afterAll(async () => {
  await signOut();
});

test('an open exam page shows results written through the API by a teacher, without a reload', async ({ page }) => {
  const teacher = generateClient<Schema>();
  const { data: exam } = await teacher.models.Exam.create({ subject: 'Live Geography', date: '2026-06-30', teacher: 'Ms Live' });
  if (!exam) throw new Error('the teacher could not create the exam');

  await openExam(page, exam.id, 'Live Geography');
  await expect(page.getByText('No results yet — this page updates by itself.')).toBeVisible();

  const { data: ada } = await teacher.models.Result.create({ examId: exam.id, student: 'Ada Lovelace', grade: '17/20' });
  const { data: bob } = await teacher.models.Result.create({ examId: exam.id, student: 'Bob Moses', grade: '9/20' });
  if (!ada || !bob) throw new Error('the teacher could not write results');

  await expect(studentRow(page, 'Ada Lovelace', '17/20')).toBeVisible();
  await expect(studentRow(page, 'Bob Moses', '9/20')).toBeVisible();
  await expect(page.getByRole('img', { name: /Grade distribution for Live Geography/ })).toHaveAccessibleDescription(/^2 results\./);

  await teacher.models.Result.update({ id: ada.id, grade: '19/20' });
  await expect(studentRow(page, 'Ada Lovelace', '19/20')).toBeVisible();

  await teacher.models.Result.delete({ id: bob.id });
  await expect(studentRow(page, 'Bob Moses')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Results (1)' })).toBeVisible();

  await expectNoReload(page);
});
