import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@exam-results/local-backend/testing';
import { RESULT_FIELDS, watchResults, type ExamResult, type ExamResultsClient } from '../exam-data';
import { guestClient, startTestBackend, type TestBackend } from '../testing/backend';
import { LiveListView, type Clock, type LiveView } from './live-list-view';

/** Time that moves only when the test says so; tasks due by then run. */
class ManualClock implements Clock {
  private nowMs = 1_000;
  private tasks: { at: number; task: () => void }[] = [];

  now(): number {
    return this.nowMs;
  }

  after(ms: number, task: () => void): () => void {
    const entry = { at: this.nowMs + ms, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((other) => other !== entry);
    };
  }

  advance(ms: number): void {
    this.nowMs += ms;
    const due = this.tasks.filter((entry) => entry.at <= this.nowMs);
    this.tasks = this.tasks.filter((entry) => entry.at > this.nowMs);
    for (const { task } of due) task();
  }
}

/** `Ada 15/20 changed, Bob 11/20 removed`: the rows, by student, with their marks. */
const rows = (view: LiveView<ExamResult>): string =>
  view.rows
    .map(({ item, mark }) => `${item.student} ${item.grade}${mark ? ` ${mark}` : ''}`)
    .sort()
    .join(', ');

const students = (items: readonly ExamResult[]): string =>
  items
    .map((item) => `${item.student} ${item.grade}`)
    .sort()
    .join(', ');

function required<T>(response: { data: T | null; errors?: readonly { message: string }[] }): T {
  if (!response.data) throw new Error(`write refused: ${response.errors?.map((error) => error.message).join('; ')}`);
  return response.data;
}

function waitForView(view: LiveListView<ExamResult>, accept: (state: LiveView<ExamResult>) => boolean, what: string) {
  return waitFor({ read: view.getSnapshot, subscribe: view.subscribe }, accept, what, 15_000, (state) => `${state.status} ${rows(state)}`);
}

describe('the view behind useLiveList, over a guest’s live list of the local backend', () => {
  let backend: TestBackend;
  let teacher: ExamResultsClient;
  let guest: ExamResultsClient;

  before(async () => {
    backend = await startTestBackend();
    teacher = await backend.teacher('teacher@example.com');
    guest = guestClient();
  });

  after(async () => {
    await backend.stop();
  });

  const newExam = async (subject: string) =>
    required(await teacher.models.Exam.create({ subject, date: '2025-06-30', teacher: 'Ms Lee' }));
  const newResult = async (examId: string, student: string, grade: string) =>
    required(await teacher.models.Result.create({ examId, student, grade }));

  it('shows server-rendered items as loaded before it starts, then marks what changed since and lets the marks expire', async () => {
    const exam = await newExam('Geography');
    const ada = await newResult(exam.id, 'Ada', '10/20');
    const bob = await newResult(exam.id, 'Bob', '11/20');
    const read = await guest.models.Result.list({ filter: { examId: { eq: exam.id } }, selectionSet: RESULT_FIELDS });
    required(await teacher.models.Result.update({ id: ada.id, grade: '15/20' }));

    const clock = new ManualClock();
    const handed: string[] = [];
    const view = new LiveListView((options) => watchResults(guest, exam.id, options), {
      initialItems: read.data,
      highlightMs: 2_000,
      clock,
      onItems: (items) => handed.push(students(items)),
    });
    const first = view.getSnapshot();
    assert.equal(first.loaded, true, 'what a server render shows');
    assert.equal(first.status, 'connecting');
    assert.equal(rows(first), 'Ada 10/20, Bob 11/20');

    const stop = view.start();
    try {
      assert.equal(view.getSnapshot().loaded, true, 'still loaded once the list is open: no flash');
      await waitForView(view, (state) => state.status === 'live' && rows(state) === 'Ada 15/20 changed, Bob 11/20', 'the edit made before it started');

      required(await teacher.models.Result.delete({ id: bob.id }));
      await newResult(exam.id, 'Cy', '9/20');
      await waitForView(view, (state) => rows(state) === 'Ada 15/20 changed, Bob 11/20 removed, Cy 9/20 added', 'the removal and the new result');
      assert.equal(students(view.getSnapshot().items), 'Ada 15/20, Cy 9/20', 'items hold no removed row');

      clock.advance(2_000);
      assert.equal(rows(view.getSnapshot()), 'Ada 15/20, Cy 9/20', 'marks and removed rows gone once expired');
      assert.equal(handed[0], 'Ada 10/20, Bob 11/20', 'the initial items are handed on at once');
      assert.equal(handed.at(-1), 'Ada 15/20, Cy 9/20');
    } finally {
      stop();
    }
  });

  it('without initial items, is not loaded until listed, marks nothing on the first load, and hands on only complete sets', async () => {
    const exam = await newExam('History');
    await newResult(exam.id, 'Dan', 'B');
    await newResult(exam.id, 'Eve', 'A');
    const handed: string[] = [];
    const view = new LiveListView(() => watchResults(guest, exam.id), {
      highlightMs: 2_000,
      clock: new ManualClock(),
      onItems: (items) => handed.push(students(items)),
    });
    assert.equal(view.getSnapshot().loaded, false);

    const stop = view.start();
    try {
      const loaded = await waitForView(view, (state) => state.loaded && state.status === 'live', 'the list to be loaded and live');
      assert.equal(rows(loaded), 'Dan B, Eve A');
      assert.deepEqual(handed, ['Dan B, Eve A']);

      await newResult(exam.id, 'Fay', 'C');
      await waitForView(view, (state) => rows(state) === 'Dan B, Eve A, Fay C added', 'the new result, marked');
      assert.deepEqual(handed, ['Dan B, Eve A', 'Dan B, Eve A, Fay C']);
    } finally {
      stop();
    }
  });

  it('marks nothing when no highlight is asked for', async () => {
    const exam = await newExam('Art');
    const view = new LiveListView(() => watchResults(guest, exam.id));
    const stop = view.start();
    try {
      await waitForView(view, (state) => state.loaded && state.status === 'live', 'the list to be live');
      await newResult(exam.id, 'Gus', 'A');
      const shown = await waitForView(view, (state) => state.items.length === 1, 'the new result');
      assert.equal(rows(shown), 'Gus A');
    } finally {
      stop();
    }
  });

  it('refuses initial items that open() does not hand to its list, which would flash an empty list', () => {
    const view = new LiveListView(() => watchResults(guest, 'exam-never-written'), { initialItems: [] });
    assert.throws(() => view.start(), /did not hand them to its list/);
  });
});
