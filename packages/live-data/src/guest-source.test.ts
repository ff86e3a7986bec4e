import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGuestClient, memoryStorage, type GuestClient, type WebSocketConstructor } from '@exam-results/appsync-guest';
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { WebSocket } from 'ws';
import type { ExamResultsClient } from './exam-data';
import { listGuestExams, listGuestResults, watchGuestExams, watchGuestResults } from './guest-source';
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

  const newExam = async (subject: string) => required(await teacher.models.Exam.create({ subject, date: '2026-06-30', teacher: 'Ms Lee' }));
  const newResult = async (examId: string, student: string, grade: string) => required(await teacher.models.Result.create({ examId, student, grade }));

  it('reads an exam and its results once, as a server render does', async () => {
    const exam = await newExam('Physics');
    await newResult(exam.id, 'Ada', '17/20');
    const [listed] = await listGuestExams(guest, exam.id);
    assert.equal(listed?.subject, 'Physics');
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
    const exams = watchGuestExams(guest, exam.id);
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
});
