/**
 * The demo teacher and their exam: what `npx ampx sandbox seed` runs against a cloud sandbox,
 * and what `pnpm dev` runs (through `pnpm seed`) against the local backend on a first start.
 * The teacher's password is `DEMO_TEACHER_PASSWORD` when set (`pnpm seed` generates one per
 * install), else the sandbox secret `demoTeacherPassword` (`npx ampx sandbox secret set
 * demoTeacherPassword`), so none is committed.
 */
import { readFile } from 'node:fs/promises';
import { createAndSignUpUser, getSecret, signInUser } from '@aws-amplify/seed';
import * as auth from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { configureAmplify } from '@exam-results/amplify-config';
import type { Schema } from '../data/resource';

const demoTeacher = { email: 'demo.teacher@example.com', name: 'Demo Teacher' };
// Graded in percent with a pass mark, so the statistics show a mean, a median and a pass rate;
// a student who missed the exam is "absent", listed apart and not counted.
const demoExam = { subject: 'Mathematics', teacher: demoTeacher.name, grading: 'percentage', passMark: '50%' } as const;
const demoResults: [student: string, grade: string][] = [
  ['Ada Lovelace', '92%'],
  ['Alan Turing', '85%'],
  ['Grace Hopper', '78%'],
  ['Katherine Johnson', '64%'],
  ['Edsger Dijkstra', '47%'],
  ['Hedy Lamarr', 'absent'],
];

// amplify_outputs.json does not exist until the sandbox is deployed, so it is read, not imported.
const outputsFile = process.env.AMPLIFY_OUTPUTS ?? new URL('../../amplify_outputs.json', import.meta.url);
const outputs = JSON.parse(await readFile(outputsFile, { encoding: 'utf8' })) as Record<string, unknown>;
// The Amplify configuration of these outputs, pointed at the local backend's Cognito when they name it.
configureAmplify(outputs);

const password = process.env.DEMO_TEACHER_PASSWORD ?? (await getSecret('demoTeacherPassword'));

try {
  await createAndSignUpUser({
    username: demoTeacher.email,
    password,
    signInAfterCreation: true,
    signInFlow: 'Password',
    userAttributes: { email: demoTeacher.email, name: demoTeacher.name },
  });
  console.log(`created the demo teacher ${demoTeacher.email}`);
} catch (error) {
  // A second run: the teacher is there already, sign in as them instead.
  if (!(error instanceof Error && error.name === 'UsernameExistsError')) throw error;
  if (!(await signInUser({ username: demoTeacher.email, password, signInFlow: 'Password' }))) {
    throw new Error(`${demoTeacher.email} exists but did not sign in with the demo password`);
  }
}

try {
  const client = generateClient<Schema>();
  const { data: existing, errors: listErrors } = await client.models.Exam.list({ filter: { subject: { eq: demoExam.subject }, teacher: { eq: demoExam.teacher } } });
  if (listErrors?.length) throw new Error(`exams not listed: ${listErrors.map((error) => error.message).join('; ')}`);
  if (existing.length > 0) {
    console.log(`the demo exam is there already (${existing.length})`);
  } else {
    const { data: exam, errors } = await client.models.Exam.create({ ...demoExam, date: new Date().toISOString().slice(0, 10) });
    if (!exam) throw new Error(`demo exam not created: ${errors?.map((error) => error.message).join('; ')}`);
    for (const [student, grade] of demoResults) {
      const { errors: resultErrors } = await client.models.Result.create({ examId: exam.id, student, grade });
      if (resultErrors?.length) throw new Error(`demo result not created: ${resultErrors.map((error) => error.message).join('; ')}`);
    }
    console.log(`seeded the demo exam ${demoExam.subject}: ${demoResults.length} results, graded in percent, pass mark ${demoExam.passMark}`);
  }
} finally {
  await auth.signOut();
}
