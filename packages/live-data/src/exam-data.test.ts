import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@exam-results/local-backend/testing';
import { RESULT_FIELDS, watchExam, watchResults, type ExamResult, type ExamResultsClient } from './exam-data';
import { LiveListView, type LiveView } from './react/live-list-view';
import { ManualTimers } from './testing/manual-timers';
import { guestClient, startTestBackend, type TestBackend } from './testing/backend';
import { content, required } from './testing/results';
import { waitForState } from './testing/wait';

/** `Ada 15/20 changed, Bob 11/20 removed`: the rows, by student, with their marks. */
const rows = (view: LiveView<ExamResult>): string =>
  view.rows
    .map(({ item, mark }) => `${item.student} ${item.grade}${mark ? ` ${mark}` : ''}`)
    .sort()
    .join(', ');

function waitForView(view: LiveListView<ExamResult>, accept: (state: LiveView<ExamResult>) => boolean, what: string) {
  return waitFor({ read: view.getSnapshot, subscribe: view.subscribe }, accept, what, 15_000, (state) => `${state.status} ${rows(state)}`);
}

describe('live lists against the local backend, read as a guest', () => {
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

  const newExam = async (subject: string, id?: string) =>
    required(await teacher.models.Exam.create({ id, subject, date: '2025-06-30', teacher: 'Ms Lee' }));
  const newResult = async (examId: string, student: string, grade: string) =>
    required(await teacher.models.Result.create({ examId, student, grade }));

  it('lists an exam’s results, then applies creates, updates and deletes in the order they were made', async () => {
    const exam = await newExam('Mathematics');
    const other = await newExam('History');
    const leaving = await newResult(exam.id, 'Leo', '9/20');
    await newResult(other.id, 'Olga', 'A');

    const list = watchResults(guest, exam.id);
    const adaGrades: string[] = [];
    let duplicates = 0;
    list.subscribe(() => {
      const { items } = list.getState();
      if (new Set(items.map((item) => item.id)).size !== items.length) duplicates++;
      const ada = items.find((item) => item.student === 'Ada')?.grade;
      if (ada !== undefined && ada !== adaGrades.at(-1)) adaGrades.push(ada);
    });
    try {
      const ready = await waitForState(list, (state) => state.loaded && state.status === 'live', 'the list to be live');
      assert.equal(content(ready.items), 'Leo 9/20');

      const ada = await newResult(exam.id, 'Ada', '12/20');
      required(await teacher.models.Result.update({ id: ada.id, grade: '15/20' }));
      required(await teacher.models.Result.update({ id: ada.id, grade: '18/20' }));
      await newResult(exam.id, 'Bob', 'B+');
      required(await teacher.models.Result.delete({ id: leaving.id }));
      await newResult(other.id, 'Oscar', 'C');

      const final = await waitForState(
        list,
        (state) => content(state.items) === 'Ada 18/20, Bob B+',
        'Ada 18/20 and Bob B+ only',
      );
      assert.equal(final.error, undefined);
      assert.equal(duplicates, 0, 'the list never held one id twice');
      const steps = adaGrades.map((grade) => ['12/20', '15/20', '18/20'].indexOf(grade));
      assert.ok(
        steps.every((step, index) => step >= 0 && (index === 0 || step > (steps[index - 1] ?? -1))),
        `Ada’s grade only moved forward: ${adaGrades.join(' → ')}`,
      );
    } finally {
      list.close();
    }
  });

  it('shows an exam as it is created (the page open at its address first), edited and removed, live', async () => {
    const list = watchExam(guest, 'biology-chosen-by-the-app');
    try {
      await waitForState(list, (state) => state.loaded && state.status === 'live' && state.items.length === 0, 'the exam page to be live, with no exam yet');
      const exam = await newExam('Biology', 'biology-chosen-by-the-app');
      await waitForState(list, (state) => state.items.some((item) => item.id === exam.id && item.subject === 'Biology'), 'the new exam');
      required(await teacher.models.Exam.update({ id: exam.id, subject: 'Biology (resit)' }));
      await waitForState(list, (state) => state.items.some((item) => item.id === exam.id && item.subject === 'Biology (resit)'), 'the edit');
      required(await teacher.models.Exam.delete({ id: exam.id }));
      await waitForState(list, (state) => !state.items.some((item) => item.id === exam.id), 'the removal');
    } finally {
      list.close();
    }
  });

  it('starts loaded with items read earlier, as a server render hands them over, then reconciles them by updatedAt', async () => {
    const exam = await newExam('Chemistry');
    const ada = await newResult(exam.id, 'Ada', '10/20');
    const bob = await newResult(exam.id, 'Bob', '11/20');
    await newResult(exam.id, 'Cy', '12/20');
    const read = await guest.models.Result.listResultsByExam({ examId: exam.id }, { selectionSet: RESULT_FIELDS });
    assert.equal(read.errors, undefined);

    // Written after that read and before the list subscribes: only reconciling can show them.
    required(await teacher.models.Result.update({ id: ada.id, grade: '15/20' }));
    required(await teacher.models.Result.delete({ id: bob.id }));
    await newResult(exam.id, 'Dee', '13/20');

    const list = watchResults(guest, exam.id, { initialItems: read.data });
    let everUnloaded = false;
    list.subscribe(() => {
      if (!list.getState().loaded) everUnloaded = true;
    });
    try {
      const first = list.getState();
      assert.equal(first.loaded, true, 'loaded from the first state');
      assert.equal(first.status, 'connecting');
      assert.equal(content(first.items), 'Ada 10/20, Bob 11/20, Cy 12/20');

      const final = await waitForState(
        list,
        (state) => state.status === 'live' && content(state.items) === 'Ada 15/20, Cy 12/20, Dee 13/20',
        'the list to be live with Ada 15/20, Cy and Dee only',
      );
      assert.equal(final.error, undefined);
      assert.equal(everUnloaded, false, 'the list never went back to not loaded');
    } finally {
      list.close();
    }
  });

  it('catches up after the backend restarts, with what changed while it came back', async () => {
    const exam = await newExam('Physics');
    const kept = await newResult(exam.id, 'Kim', 'B');
    const removed = await newResult(exam.id, 'Rita', 'C');
    const list = watchResults(guest, exam.id);
    try {
      await waitForState(list, (state) => state.loaded && state.status === 'live' && state.items.length === 2, 'the list to be live');

      await backend.restart();
      await waitForState(list, (state) => state.status === 'reconnecting', 'the client to report the lost connection');
      // The list subscribes again within a second: these land before or after, as events or by re-listing.
      await newResult(exam.id, 'Nia', 'A-');
      required(await teacher.models.Result.update({ id: kept.id, grade: 'B+' }));
      required(await teacher.models.Result.delete({ id: removed.id }));

      const caughtUp = await waitForState(
        list,
        (state) => state.status === 'live' && content(state.items) === 'Kim B+, Nia A-',
        'the list to be live again with Kim B+ and Nia A-',
      );
      assert.equal(caughtUp.error, undefined);

      await newResult(exam.id, 'Zoe', 'A');
      await waitForState(list, (state) => state.items.some((item) => item.student === 'Zoe'), 'a result written after the reconnect');
    } finally {
      list.close();
    }
  });

  describe('through the view behind useLiveList', () => {
    it('shows server-rendered items as loaded before it starts, then marks what changed since and lets the marks expire', async () => {
      const exam = await newExam('Geography');
      const ada = await newResult(exam.id, 'Ada', '10/20');
      const bob = await newResult(exam.id, 'Bob', '11/20');
      const read = await guest.models.Result.listResultsByExam({ examId: exam.id }, { selectionSet: RESULT_FIELDS });
      required(await teacher.models.Result.update({ id: ada.id, grade: '15/20' }));

      const clock = new ManualTimers(1_000);
      const handed: string[] = [];
      const view = new LiveListView((options) => watchResults(guest, exam.id, options), {
        initialItems: read.data,
        highlightMs: 2_000,
        clock,
        onItems: (items) => handed.push(content(items)),
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
        assert.equal(content(view.getSnapshot().items), 'Ada 15/20, Cy 9/20', 'items hold no removed row');

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
        clock: new ManualTimers(1_000),
        onItems: (items) => handed.push(content(items)),
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

    it('refuses initial items that open() does not hand to its list, which would flash an empty list', async () => {
      // An exam that exists: AppSync refuses a guest's subscription to the results of one that does not.
      const exam = await newExam('Drama');
      const view = new LiveListView(() => watchResults(guest, exam.id), { initialItems: [] });
      assert.throws(() => view.start(), /did not hand them to its list/);
    });
  });
});
