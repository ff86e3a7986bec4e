import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import { watchTeacherResults, type ExamResult } from './data-api';
import { ResultsEditor } from './results-editor';

// AppSync sends the owner-only full name as null in every mutation answer and subscription event.
let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('ada@school.example');
});
after(() => t?.stop());

test('full names stay shown when the live events arrive without them, and another tab’s are read', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Physics', date: '2026-03-02', teacher: 'Ada' });
  const editor = new ResultsEditor(exam.id, t.api);
  const live = watchTeacherResults(t.client, exam.id);
  let heard: readonly ExamResult[] = [];
  const stop = live.subscribe(() => {
    const { loaded, items } = live.getState();
    if (!loaded) return;
    heard = items;
    editor.setServerRows(items);
  });
  const eventRow = (student: string) => heard.find((row) => row.student === student);
  const names = (view: ReturnType<ResultsEditor['getSnapshot']>) => view.rows.map((row) => `${row.student}=${row.fullName ?? ''}:${row.grade}`).join(' ');
  try {
    await waitFor({ subscribe: (listener) => live.subscribe(listener), getSnapshot: () => live.getState() }, (state) => state.loaded && state.status === 'live', 'the list to be live');

    assert.equal(await editor.add({ student: 'Ana', grade: 'A', fullName: ' Ana López ' }), undefined);
    await waitFor(editor, () => eventRow('Ana') !== undefined, 'the create event');
    assert.equal(eventRow('Ana')?.fullName, null, 'the event carries no full name');
    assert.equal(names(editor.getSnapshot()), 'Ana=Ana López:A');

    const ana = editor.getSnapshot().rows[0];
    assert.ok(ana);
    assert.equal(await editor.edit(ana.id, { student: 'Ana', grade: 'B', fullName: 'Ana López' }), undefined);
    await waitFor(editor, () => eventRow('Ana')?.grade === 'B', 'the update event');
    assert.equal(names(editor.getSnapshot()), 'Ana=Ana López:B');

    const otherTab = t.otherTab();
    const ben = await otherTab.createResult({ id: crypto.randomUUID(), examId: exam.id, student: 'B. O.', grade: 'C', fullName: 'Ben Ode' });
    await waitFor(editor, (view) => names(view) === 'Ana=Ana López:B B. O.=Ben Ode:C', 'another tab’s full name');
    await otherTab.updateResult({ id: ben.id, fullName: 'Benjamin Ode' });
    await waitFor(editor, (view) => names(view) === 'Ana=Ana López:B B. O.=Benjamin Ode:C', 'another tab’s change of full name');
    await otherTab.updateResult({ id: ben.id, fullName: null });
    await waitFor(editor, (view) => names(view) === 'Ana=Ana López:B B. O.=:C', 'a full name removed in another tab');
  } finally {
    stop();
    live.close();
  }
});

test('a result brought back by undo keeps its full name', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Art', date: '2026-03-02', teacher: 'Ada' });
  const editor = new ResultsEditor(exam.id, t.api);
  editor.setServerRows([]);
  await editor.add({ student: 'C-17', grade: 'B', fullName: 'Cy Twombly' });
  const [row] = editor.getSnapshot().rows;
  assert.ok(row);
  await editor.remove(row.id);
  assert.equal(await editor.undo(), undefined);
  const [stored] = await t.api.listResults(exam.id);
  assert.deepEqual([stored?.student, stored?.fullName], ['C-17', 'Cy Twombly']);
});

test('a full name stays when the live event of the write arrives before the write’s own answer', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Optics', date: '2026-03-02', teacher: 'Ada' });
  const eventFirst = {
    ...t.api,
    async createResult(input: Parameters<typeof t.api.createResult>[0]) {
      const stored = await t.api.createResult(input);
      // the subscription event (no full name) reaches the live list while the answer is still on its way
      editor.setServerRows([{ ...stored, fullName: null }]);
      return stored;
    },
  };
  const editor: ResultsEditor = new ResultsEditor(exam.id, eventFirst);
  editor.setServerRows([]);
  assert.equal(await editor.add({ student: 'W. H.', grade: 'B', fullName: 'William Herschel' }), undefined);
  assert.deepEqual(editor.getSnapshot().rows.map((row) => [row.student, row.fullName]), [['W. H.', 'William Herschel']]);
});
