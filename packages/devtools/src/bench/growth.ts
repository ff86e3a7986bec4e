/**
 * bench:growth — what the three pages read as the results of other exams pile up: the student
 * exam page's server read, the student list, and the teacher's exams page with its counts, at
 * 0, 10,000 and 100,000 results of other exams in the local backend. Prints the median read time
 * of several runs and the items DynamoDB read (ScannedCount, what read capacity is paid for);
 * asserts nothing. `pnpm bench:growth` (GROWTH_STEPS=0,10000,100000 RUNS=5).
 */
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { createGuestClient, memoryStorage } from '@exam-results/appsync-guest';
import { watchOwnExams, watchOwnResultCounts, type LiveList } from '@exam-results/live-data';
import { listGuestExamsPage, listGuestResults, readGuestExam } from '@exam-results/live-data/guest';
import { putItems, signInUser, startTempBackend } from '@exam-results/local-backend/testing';
import { backendCounters, type Counts } from './backend-counters';

const steps = (process.env.GROWTH_STEPS ?? '0,10000,100000').split(',').map(Number);
const runs = Number(process.env.RUNS ?? 5);
const OTHER_EXAMS = 200;

const counters = backendCounters();
const backend = await startTempBackend({ prefix: 'bench-growth-', identityPoolQuotas: false, observers: counters.observers });
const teacher = await signInUser(backend, 'growth@school.example');
const { data: exam } = await teacher.client.models.Exam.create({ subject: 'Physics', date: '2026-06-30', teacher: 'Ms Growth' });
if (!exam) throw new Error('could not create the exam');
// What the owner rule stores (`<sub>::<username>`), as the teacher app's session builds it from the signed-in user.
const claims = JSON.parse(Buffer.from((await teacher.accessToken()).split('.')[1] ?? '', 'base64url').toString()) as { sub: string; username: string };
const owner = `${claims.sub}::${claims.username}`;
for (let n = 1; n <= 30; n++) await teacher.client.models.Result.create({ examId: exam.id, student: `Student ${n}`, grade: `${n % 21}/20` });

// Another teacher's exams, which the other results belong to; the student list shows the most recent.
const otherOwner = 'other-sub::other-sub';
const stamp = new Date().toISOString();
putItems(
  backend.dataDir,
  'Exam',
  Array.from({ length: OTHER_EXAMS }, (_, n) => ({
    id: `other-exam-${n}`,
    subject: `Other ${n}`,
    date: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
    teacher: 'Mr Other',
    shelf: 'exams',
    owner: otherOwner,
    createdAt: stamp,
    updatedAt: stamp,
  })),
);

const guest = createGuestClient({ ...guestEndpoints(backend.outputs), storage: memoryStorage() });

/** Resolves once a live list has read everything, then closes it. */
function loaded<T>(list: LiveList<T>): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const { loaded: done, items, error } = list.getState();
      if (error) reject(new Error(error));
      else if (done) resolve(items.length);
    };
    list.subscribe(check);
    check();
  }).finally(() => list.close()) as Promise<number>;
}

const pages: Record<string, () => Promise<unknown>> = {
  'student exam page (server read)': async () => {
    await readGuestExam(guest, exam.id);
    return listGuestResults(guest, exam.id);
  },
  'student list (first page)': () => listGuestExamsPage(guest),
  'teacher exams page (+ counts)': async () => {
    const [exams, results] = await Promise.all([loaded(watchOwnExams(teacher.client, owner)), loaded(watchOwnResultCounts(teacher.client, owner))]);
    if (exams !== 1 || results !== 30) throw new Error(`the teacher page read ${exams} exams and ${results} results, not 1 and 30`);
  },
};

async function measure(read: () => Promise<unknown>): Promise<{ ms: number; counts: Counts }> {
  const times: number[] = [];
  let counts: Counts | undefined;
  for (let run = 0; run < runs; run++) {
    const start = { ...counters.counts };
    const began = performance.now();
    await read();
    times.push(performance.now() - began);
    counts = counters.since(start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? Number.NaN, counts: counts ?? { requests: 0, itemsRead: 0, identityPoolCalls: 0 } };
}

let written = 0;
const table: string[] = [];
for (const step of steps) {
  const batch = Array.from({ length: step - written }, (_, n) => {
    const index = written + n;
    return { id: `other-result-${index}`, examId: `other-exam-${index % OTHER_EXAMS}`, student: `Other ${index}`, grade: 'B', owner: otherOwner, createdAt: stamp, updatedAt: stamp };
  });
  if (batch.length > 0) putItems(backend.dataDir, 'Result', batch);
  written = step;
  for (const [name, read] of Object.entries(pages)) {
    await read();
    const { ms, counts } = await measure(read);
    table.push(`${String(step).padStart(7)} | ${name.padEnd(34)} | ${ms.toFixed(1).padStart(8)} ms | ${String(counts.itemsRead).padStart(6)} items | ${counts.requests} requests`);
    console.log(table.at(-1));
  }
}

console.log(`\nother results | page | median of ${runs} | items read (last run) | GraphQL requests over HTTP`);
console.log(table.join('\n'));
await backend.stop();
process.exit(0);
