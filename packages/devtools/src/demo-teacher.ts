import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import type { Schema } from '@exam-results/amplify/data/resource';
import { openUserPoolAdmin } from '@exam-results/local-backend';

const demoTeacher = { email: 'demo.teacher@example.com', name: 'Demo Teacher' } as const;

interface DemoState {
  password: string;
  seeded: boolean;
}

const demoResults: [student: string, grade: string][] = [
  ['Ada Lovelace', 'A'],
  ['Alan Turing', 'A-'],
  ['Grace Hopper', '17/20'],
  ['Katherine Johnson', 'B+'],
  ['Edsger Dijkstra', 'pass'],
];

function readState(file: string): DemoState | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoState) : undefined;
}

/** A password generated per install: no secret is committed, and it meets any policy amplify/ can set. */
function generatePassword(): string {
  return `${randomBytes(9).toString('base64url')}Aa7!`;
}

/**
 * Makes sure the demo teacher can sign in with a known password, and on the
 * first start writes a demo exam through the real API as that teacher.
 * Amplify must already be configured for the local backend.
 */
export async function ensureDemoTeacher(options: { dataDir: string; repoRoot: string; log: (line: string) => void }): Promise<{ email: string; password: string }> {
  const stateFile = path.join(options.dataDir, 'demo-teacher.json');
  const admin = await openUserPoolAdmin({ dataDir: options.dataDir, repoRoot: options.repoRoot });
  let state = readState(stateFile);
  try {
    const existing = admin.listUsers().find((user) => user.email === demoTeacher.email);
    if (!state || !existing || existing.status !== 'CONFIRMED') {
      const { temporaryPassword } = existing ? admin.resetPassword(demoTeacher.email) : admin.addUser(demoTeacher.email, { name: demoTeacher.name });
      const password = generatePassword();
      const { nextStep } = await signIn({ username: demoTeacher.email, password: temporaryPassword });
      if (nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
        throw new Error(`demo teacher: expected a new-password challenge, got ${nextStep.signInStep}`);
      }
      await confirmSignIn({ challengeResponse: password });
      await signOut();
      state = { password, seeded: state?.seeded ?? false };
      writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
    }
  } finally {
    admin.close();
  }

  if (!state.seeded) {
    await signIn({ username: demoTeacher.email, password: state.password });
    try {
      await seedDemoExam();
    } finally {
      await signOut();
    }
    state = { ...state, seeded: true };
    writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
    options.log(`seeded a demo exam with ${demoResults.length} results`);
  }
  return { email: demoTeacher.email, password: state.password };
}

async function seedDemoExam(): Promise<void> {
  const client = generateClient<Schema>();
  const today = new Date().toISOString().slice(0, 10);
  const { data: exam, errors } = await client.models.Exam.create({ subject: 'Mathematics', date: today, teacher: demoTeacher.name });
  if (!exam) throw new Error(`demo exam not created: ${errors?.map((error) => error.message).join('; ')}`);
  for (const [student, grade] of demoResults) {
    const { errors: resultErrors } = await client.models.Result.create({ examId: exam.id, student, grade });
    if (resultErrors?.length) throw new Error(`demo result not created: ${resultErrors.map((error) => error.message).join('; ')}`);
  }
}
