import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ManualTimers } from '@exam-results/live-data/testing/manual-timers';
import { outages, type Outages } from '../test-support/outages';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import type { DataApi } from './data-api';
import { DataError } from './data-errors';
import { ExamsStore } from './exams-store';
import type { WriteStorage } from './outbox';
import { examReader, examsOutbox, resultsOutbox } from './outbox-writes';
import { ResultsEditor } from './results-editor';

// Entries the server has not acknowledged outlive the page: leaving it, a reload, a closed tab.
let t: TeacherBackend;
let server: Outages;

before(async () => {
  t = await startTeacherBackend();
  server = outages(t);
  await t.signInNewTeacher('grace@school.example');
});
after(async () => {
  await server?.stopRestarted();
  await t?.stop();
});

/** The browser's localStorage as the app uses it: what one page load wrote, the next one reads. */
class BrowserStorage implements WriteStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const unreachable = () => new DataError('The server could not be reached. Check your connection and try again.');
const content = (rows: readonly { student: string; grade: string }[]) => rows.map(({ student, grade }) => `${student}:${grade}`).sort();

test('an entry made offline survives leaving the exam and a reload, is hidden from another teacher, and is saved once when the server answers', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Biology', date: '2026-04-01', teacher: 'Grace' });
  const storage = new BrowserStorage();
  const key = 'exam-results.unsent.grace.results';
  const firstLoad = resultsOutbox(t.api, { storage, key, scheduler: new ManualTimers() });
  const editor = new ResultsEditor(exam.id, t.api, { outbox: firstLoad });
  editor.setServerRows([]);
  await server.outage();
  assert.match((await editor.add({ student: 'Ben', grade: 'B' })) ?? '', /^Could not add Ben \(B\)\. The server could not be reached/);
  editor.close();

  // the exam opened again in the same page load: the entry is a row waiting for the server
  const reopened = new ResultsEditor(exam.id, t.api, { outbox: firstLoad });
  reopened.setServerRows([]);
  assert.deepEqual(content(reopened.getSnapshot().rows), ['Ben:B']);
  assert.equal(reopened.getSnapshot().saving.size, 1);

  // a reload: a new outbox over the same storage
  const timers = new ManualTimers();
  const reloaded = resultsOutbox(t.api, { storage, key, scheduler: timers });
  const afterReload = new ResultsEditor(exam.id, t.api, { outbox: reloaded });
  afterReload.setServerRows([]);
  assert.deepEqual(content(afterReload.getSnapshot().rows), ['Ben:B']);
  await waitFor(afterReload, (view) => view.notices.length === 1, 'the notice that it waits for the server');
  assert.ok(afterReload.getSnapshot().notices[0]?.retry, 'with a way to send it now');

  assert.deepEqual(resultsOutbox(t.api, { storage, key: 'exam-results.unsent.another-teacher.results' }).deliveries(), []);

  await server.serverBack();
  // both page loads still hold it (as two tabs would): each sends it, and the server keeps one
  timers.advance(1000);
  firstLoad.retryNow();
  await waitFor(afterReload, (view) => view.saving.size === 0 && view.notices.length === 0, 'the entry to be saved after the reload');
  await waitFor(reopened, (view) => view.saving.size === 0 && view.notices.length === 0, 'the entry to be saved in the first page load');
  assert.deepEqual(content(await t.api.listResults(exam.id)), ['Ben:B']);
  assert.deepEqual(JSON.parse(storage.getItem(key) ?? 'null'), [], 'nothing is left to send');
});

test('a create or delete sent again after its answer was lost counts as done, and edits follow their create in order', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'History', date: '2026-04-02', teacher: 'Grace' });
  const lost = new Set<string>();
  // the request reaches the server, the answer does not (the connection drops on the way back)
  const answerLost = <A extends unknown[], R>(call: (...args: A) => Promise<R>, name: string) =>
    async (...args: A): Promise<R> => {
      const answer = await call(...args);
      if (lost.has(name)) {
        lost.delete(name);
        throw unreachable();
      }
      return answer;
    };
  const api: DataApi = { ...t.api, createResult: answerLost(t.api.createResult, 'create'), deleteResult: answerLost(t.api.deleteResult, 'delete') };
  const outbox = resultsOutbox(api, { scheduler: new ManualTimers() });
  const editor = new ResultsEditor(exam.id, api, { outbox });
  editor.setServerRows([]);

  lost.add('create');
  assert.match((await editor.add({ student: 'Ivy', grade: 'A', fullName: 'Ivy Moss' })) ?? '', /The server could not be reached\. Check your connection and try again\. Kept here/);
  const ivy = editor.getSnapshot().rows[0];
  assert.ok(ivy);
  const edit = editor.edit(ivy.id, { student: 'Ivy', grade: 'A-', fullName: 'Ivy Moss' });
  outbox.retryNow();
  assert.equal(await edit, undefined, 'the edit is saved after the create it follows');
  await waitFor(editor, (view) => view.saving.size === 0 && view.notices.length === 0, 'the create to count as saved');
  const stored = await t.api.listResults(exam.id);
  assert.deepEqual(stored.map(({ id, student, grade, fullName }) => [id, student, grade, fullName]), [[ivy.id, 'Ivy', 'A-', 'Ivy Moss']]);

  editor.setServerRows(stored);
  lost.add('delete');
  const removal = editor.remove(ivy.id);
  await waitFor(editor, (view) => view.notices.length === 1, 'the delete to wait for an answer');
  outbox.retryNow();
  assert.equal(await removal, `Could not delete Ivy (A-). The server could not be reached. Check your connection and try again. Kept here: it is sent as soon as the server answers.`);
  await waitFor(editor, (view) => view.saving.size === 0 && view.notices.length === 0, 'the delete to count as done');
  assert.deepEqual(await t.api.listResults(exam.id), []);
});

test('an exam created offline is kept across a reload and created once when the server answers', async () => {
  const storage = new BrowserStorage();
  const key = 'exam-results.unsent.grace.exams';
  const api = { ...t.api, getExam: examReader(t.client) };
  const store = new ExamsStore(t.api, { outbox: examsOutbox(api, { storage, key, scheduler: new ManualTimers() }) });
  store.setServerExams(await t.listExams());
  await server.outage();
  const outcome = await store.create({ subject: 'Latin', date: '2026-04-03', teacher: 'Grace' });
  assert.ok('id' in outcome, 'its page can open: the exam is kept until the server answers');
  assert.match(store.getSnapshot().notices[0]?.text ?? '', /^Could not create the Latin exam\. The server could not be reached\. Check your connection and try again\. Kept here/);

  const reloaded = examsOutbox(api, { storage, key, scheduler: new ManualTimers() });
  const afterReload = new ExamsStore(t.api, { outbox: reloaded });
  afterReload.setServerExams([]);
  assert.deepEqual(afterReload.getSnapshot().exams.map((exam) => exam.subject), ['Latin']);
  assert.equal(afterReload.getSnapshot().saving.size, 1);

  await server.serverBack();
  reloaded.retryNow();
  await waitFor(afterReload, (view) => view.saving.size === 0 && view.notices.length === 0, 'the exam to be created');
  assert.deepEqual((await t.listExams()).filter((exam) => exam.subject === 'Latin').length, 1);
});
