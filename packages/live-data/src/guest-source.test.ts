import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGuestClient, memoryStorage, type GuestClient, type WebSocketConstructor } from '@exam-results/appsync-guest';
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { WebSocket } from 'ws';
import type { ExamResultsClient } from './exam-data';
import { listGuestExamsPage, listGuestResults, readGuestExam, watchGuestExam, watchGuestRecentExams, watchGuestResults } from './guest-source';
import { startTestBackend, type TestBackend } from './testing/backend';
import { content, required } from './testing/results';
import { waitForState } from './testing/wait';

describe('live lists through appsync-guest against the local backend', () => {
  let backend: TestBackend;
  let teacher: ExamResultsClient;
  let guest: GuestClient;

  before(async () => {
    backend = await startTestBackend();
    teacher = await backend.teacher('guest-source.teacher@example.com');
    guest = createGuestClient({
      ...guestEndpoints(backend.outputs),
      storage: memoryStorage(),
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
  });

  after(async () => {
    await backend.stop();
  });

  const newExam = async (subject: string, more: { date?: string; release?: 'held'; releaseAt?: string } = {}) =>
    required(await teacher.models.Exam.create({ subject, date: '2026-06-30', teacher: 'Ms Lee', ...more }));
  const newResult = async (examId: string, student: string, grade: string) => required(await teacher.models.Result.create({ examId, student, grade }));

  it('reads an exam and its results once, as a server render does', async () => {
    const exam = await newExam('Physics');
    await newResult(exam.id, 'Ada', '17/20');
    assert.equal((await readGuestExam(guest, exam.id))?.subject, 'Physics');
    assert.equal(await readGuestExam(guest, 'no-such-exam'), null);
    assert.equal(content(await listGuestResults(guest, exam.id)), 'Ada 17/20');
  });

  it('misses nothing written between the server read and the subscription, then applies creates, updates and deletes live', async () => {
    const exam = await newExam('Mathematics');
    const ada = await newResult(exam.id, 'Ada', '10/20');
    const leaving = await newResult(exam.id, 'Leo', '9/20');
    const serverRead = await listGuestResults(guest, exam.id);

    // Written after the server read and before the browser subscribes.
    required(await teacher.models.Result.update({ id: ada.id, grade: '12/20' }));
    await newResult(exam.id, 'Bob', 'B+');
    required(await teacher.models.Result.delete({ id: leaving.id }));

    const list = watchGuestResults(guest, exam.id, { initialItems: serverRead });
    try {
      assert.equal(content(list.getState().items), 'Ada 10/20, Leo 9/20', 'the first state is the server read');
      assert.equal(list.getState().loaded, true);
      await waitForState(list, (state) => state.status === 'live' && content(state.items) === 'Ada 12/20, Bob B+', 'caught up and live');

      const cy = await newResult(exam.id, 'Cy', '14/20');
      required(await teacher.models.Result.update({ id: cy.id, grade: '15/20' }));
      required(await teacher.models.Result.delete({ id: ada.id }));
      const final = await waitForState(list, (state) => content(state.items) === 'Bob B+, Cy 15/20', 'the live changes');
      assert.equal(final.error, undefined);
    } finally {
      list.close();
    }
  });

  it('follows one exam and catches up after the backend restarts', async () => {
    const exam = await newExam('History');
    const exams = watchGuestExam(guest, exam.id);
    const results = watchGuestResults(guest, exam.id);
    try {
      await waitForState(exams, (state) => state.status === 'live' && state.items[0]?.subject === 'History', 'the exam live');
      await waitForState(results, (state) => state.status === 'live' && state.loaded, 'its results live');
      await backend.restart();
      // Written as soon as the backend is back, likely before the socket is: the re-list must bring it.
      await newResult(exam.id, 'Eve', 'A');
      required(await teacher.models.Exam.update({ id: exam.id, subject: 'History (resit)' }));
      await waitForState(results, (state) => state.status === 'live' && content(state.items) === 'Eve A', 'the result written while reconnecting');
      await waitForState(exams, (state) => state.status === 'live' && state.items[0]?.subject === 'History (resit)', 'the edit made while reconnecting');
    } finally {
      exams.close();
      results.close();
    }
  });

  it('lists the most recent exams first, a page at a time, and keeps the first page live', async () => {
    const dates = ['2031-01-05', '2031-01-03', '2031-01-04', '2031-01-01', '2031-01-02'];
    for (const date of dates) await newExam(`Future ${date}`, { date });
    const first = await listGuestExamsPage(guest, null, 2);
    assert.deepEqual(first.items.map((exam) => exam.date), ['2031-01-05', '2031-01-04']);
    assert.ok(first.nextToken);
    const second = await listGuestExamsPage(guest, first.nextToken, 2);
    assert.deepEqual(second.items.map((exam) => exam.date), ['2031-01-03', '2031-01-02']);

    const recent = watchGuestRecentExams(guest);
    try {
      await waitForState(recent, (state) => state.status === 'live' && state.items[0]?.date === '2031-01-05', 'the recent exams live');
      const added = await newExam('Added while watching', { date: '2031-02-01' });
      await waitForState(recent, (state) => state.items.some((exam) => exam.id === added.id), 'the new exam');
    } finally {
      recent.close();
    }
  });

  it('reads no result before the release; at the release the page reads them and follows them; a withdrawal ends the subscriptions', async () => {
    const releaseAt = new Date(backend.clock.now().getTime() + 120_000).toISOString();
    const exam = await newExam('Chemistry', { release: 'held', releaseAt });
    await newResult(exam.id, 'Ada', 'A');
    assert.deepEqual(await listGuestResults(guest, exam.id), []);

    backend.clock.advance(121_000);
    try {
      assert.equal(content(await listGuestResults(guest, exam.id)), 'Ada A');
      const results = watchGuestResults(guest, exam.id);
      try {
        await waitForState(results, (state) => state.status === 'live' && content(state.items) === 'Ada A', 'the released results live');
        await newResult(exam.id, 'Bo', 'B');
        await waitForState(results, (state) => content(state.items) === 'Ada A, Bo B', 'a result entered after the release');
        required(await teacher.models.Exam.update({ id: exam.id, releaseAt: null }));
        const ended = await waitForState(results, (state) => state.error !== undefined, 'the subscriptions ended by the withdrawal');
        assert.match(ended.error ?? '', /ended this subscription/);
      } finally {
        results.close();
      }
      assert.deepEqual(await listGuestResults(guest, exam.id), []);
    } finally {
      backend.clock.reset();
    }
  });
});
