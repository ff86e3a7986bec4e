import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { startLocalBackend } from '../index';
import { defaultRepoRoot } from '../shared/paths';
import { openUserPoolAdmin } from '../user-pool/admin';
import { signInNewTeacher, startAppSyncTestBackend, type AppSyncTestBackend } from './test-harness';

const client = generateClient<Schema>();

async function allExamIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  let nextToken: string | null | undefined;
  do {
    const page = await client.models.Exam.list({ limit: 500, nextToken });
    assert.equal(page.errors, undefined);
    for (const exam of page.data) ids.add(exam.id);
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

test('data survives a restart of the backend', async () => {
  let t: AppSyncTestBackend | undefined = await startAppSyncTestBackend();
  const { dataDir } = t;
  try {
    await signInNewTeacher(t.admin, 'ada@school.example');
    const exam = await client.models.Exam.create({ subject: 'Kept', date: '2024-05-01', teacher: 'Ada' });
    await client.models.Result.create({ examId: exam.data?.id ?? '', student: 'Lin', grade: 'A' });
    const { port } = t.backend;
    await t.stop();
    t = undefined;

    // Same port: the tokens the client holds name the issuer by its URL.
    t = await startAppSyncTestBackend(dataDir, port);
    const again = await client.models.Exam.get({ id: exam.data?.id ?? '' }, { selectionSet: ['subject', 'results.student'] });
    assert.equal(again.data?.subject, 'Kept');
    assert.deepEqual(
      again.data?.results.map((result) => result.student),
      ['Lin'],
    );
  } finally {
    await signOut();
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const backendEntry = fileURLToPath(new URL('../index.ts', import.meta.url));

/** Starts the backend in a child process, so that it can be killed with SIGKILL. */
async function startChildBackend(dataDir: string, outputsFile: string) {
  const script = `
    import { startLocalBackend } from ${JSON.stringify(backendEntry)};
    const backend = await startLocalBackend({ port: 0, dataDir: ${JSON.stringify(dataDir)}, outputsFile: ${JSON.stringify(outputsFile)}, log: () => {} });
    console.log('READY ' + backend.port);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => ['exited'])])) as [string];
  const port = Number(/^READY (\d+)$/.exec(line)?.[1]);
  if (!port) throw new Error(`the child backend did not start: ${line}`);
  return { child, port };
}

test('kill -9 in the middle of a burst of writes loses no acknowledged write', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'appsync-kill-'));
  const outputsFile = join(dataDir, 'amplify_outputs.json');
  const { child, port } = await startChildBackend(dataDir, outputsFile);
  let restarted: Awaited<ReturnType<typeof startLocalBackend>> | undefined;
  try {
    configureAmplify(JSON.parse(readFileSync(outputsFile, 'utf8')));
    const admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
    await signInNewTeacher(admin, 'ada@school.example');
    admin.close();

    const acknowledged: string[] = [];
    let failed = 0;
    let killed = false;
    const writer = async (lane: number) => {
      for (let i = 0; i < 200 && failed === 0; i++) {
        const id = `burst-${lane}-${i}`;
        const result = await client.models.Exam.create({ id, subject: 'Burst', date: '2024-05-02', teacher: 'Ada' });
        if (result.data?.id === id) acknowledged.push(id);
        else failed++;
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, lane) => writer(lane)));
    assert.ok(killed, 'the backend was killed during the burst');
    assert.ok(failed > 0, 'writes failed once it died, so the burst was cut short');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    assert.equal(child.signalCode, 'SIGKILL');

    restarted = await startLocalBackend({ port, dataDir, outputsFile, log: () => {} });
    const stored = await allExamIds();
    const lost = acknowledged.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${acknowledged.length} acknowledged writes, ${lost.length} lost`);
  } finally {
    child.kill('SIGKILL');
    await signOut();
    await restarted?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
