import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLocalBackend } from '..';
import { guestCredentials, postGraphql, signedGraphqlHeaders, signInUser, startTempBackend, type TempBackend, type TestOutputs } from '../testing';
import { exportSnapshot, importSnapshot } from './snapshot';

let t: TempBackend;
const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

/** Every file of a snapshot, by name. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

before(async () => {
  t = await startTempBackend();
  const teacher = await signInUser(t, 'snap@school.example', { name: 'Snap' });
  const { data: exam } = await teacher.client.models.Exam.create({ id: 'snapshots', subject: 'Snapshots', date: '2026-12-01', teacher: 'Snap' });
  assert.ok(exam);
  for (const student of ['Ada', 'Alan']) await teacher.client.models.Result.create({ examId: exam.id, student, grade: 'A' });
});
after(async () => {
  await t?.stop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

test('a snapshot taken while the backend runs is JSON lines per table, the items written as documents', () => {
  const dir = join(tempDir('snapshot-'), 'snap');
  exportSnapshot(t.dataDir, dir);
  const files = filesOf(dir);
  assert.ok(files['schema.sql']?.includes('CREATE TABLE cognito_users'));
  const items = (files['model_items.jsonl'] ?? '').trim().split('\n').map((line) => JSON.parse(line) as { model: string; item: Record<string, unknown> });
  assert.deepEqual(items.filter((row) => row.model === 'Result').map((row) => row.item.student).sort(), ['Ada', 'Alan']);
  assert.equal(items.find((row) => row.model === 'Exam')?.item.subject, 'Snapshots');
  const users = (files['cognito_users.jsonl'] ?? '').trim().split('\n').map((line) => JSON.parse(line) as { email: string; attributes: unknown });
  assert.deepEqual(users.map((user) => [user.email, user.attributes]), [['snap@school.example', { name: 'Snap' }]]);
});

test('import then export gives the very same snapshot, and a backend on the imported data serves it', async () => {
  const first = join(tempDir('snapshot-a-'), 'snap');
  exportSnapshot(t.dataDir, first);
  const dataDir = tempDir('snapshot-target-');
  importSnapshot(first, dataDir);
  const second = join(tempDir('snapshot-b-'), 'snap');
  exportSnapshot(dataDir, second);
  assert.deepEqual(filesOf(second), filesOf(first));

  const backend = await startLocalBackend({ port: 0, dataDir, outputsFile: join(dataDir, 'amplify_outputs.json'), log: () => undefined });
  try {
    const outputs = JSON.parse(readFileSync(join(dataDir, 'amplify_outputs.json'), 'utf8')) as TestOutputs;
    assert.equal(outputs.auth.user_pool_id, t.outputs.auth.user_pool_id);
    const body = JSON.stringify({ query: 'query { listResultsByExam(examId: "snapshots") { items { student grade } } }' });
    const headers = await signedGraphqlHeaders(await guestCredentials(outputs), outputs.data.url, body);
    const listed = await postGraphql(outputs.data.url, body, headers);
    const items = (listed.body.data?.listResultsByExam as { items: { student: string }[] }).items;
    assert.deepEqual(items.map((item) => item.student).sort(), ['Ada', 'Alan']);
  } finally {
    await backend.stop();
  }
});

test('a snapshot with a broken line is refused with its file and line, and the data directory is left as it was', () => {
  const dir = join(tempDir('snapshot-bad-'), 'snap');
  exportSnapshot(t.dataDir, dir);
  const dataDir = tempDir('snapshot-kept-');
  importSnapshot(dir, dataDir);
  writeFileSync(join(dir, 'model_items.jsonl'), `${readFileSync(join(dir, 'model_items.jsonl'), 'utf8')}{"model": "Exam",\n`);
  assert.throws(() => importSnapshot(dir, dataDir), { message: /^snapshot: model_items\.jsonl line 4 is not JSON$/ });
  writeFileSync(join(dir, 'model_items.jsonl'), '{"model":"Exam","key":"x","item":{},"grade":"A"}\n');
  assert.throws(() => importSnapshot(dir, dataDir), { message: 'snapshot: model_items.jsonl line 1: model_items has no column grade' });
  const kept = join(tempDir('snapshot-kept-export-'), 'snap');
  exportSnapshot(dataDir, kept);
  assert.match(readFileSync(join(kept, 'model_items.jsonl'), 'utf8'), /"subject":"Snapshots"/);
});
