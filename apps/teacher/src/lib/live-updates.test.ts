import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LiveList } from '@exam-results/live-data';
import { watchTeacherExams, watchTeacherResultCounts, watchTeacherResults } from './data-api';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import { ExamsStore } from './exams-store';
import { ResultsEditor } from './results-editor';

// This "tab" reads through the live lists the pages use; the other tab writes with its own client.
let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('ada@school.example');
});
after(() => t?.stop());

/** Feeds a live list into a store as the pages do; resolves once it is read and listening. */
async function follow<T>(list: LiveList<T>, onItems: (items: readonly T[]) => void, ms = 10_000): Promise<LiveList<T>> {
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the live list is not live after ${ms} ms: ${JSON.stringify(list.getState())}`)), ms);
      list.subscribe(() => {
        const { loaded, items, status, error } = list.getState();
        if (loaded) onItems(items);
        if (error !== undefined) reject(new Error(`the live list failed: ${error}`));
        else if (loaded && status === 'live') resolve();
        else return;
        clearTimeout(timer);
      });
    });
  } catch (error) {
    list.close();
    throw error;
  }
  return list;
}

test('the open exam shows results added, changed and deleted in another tab, and only its own', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Physics', date: '2026-03-02', teacher: 'Ada' });
  const other = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Other', date: '2026-03-02', teacher: 'Ada' });
  const editor = new ResultsEditor(exam.id, t.api);
  const live = await follow(watchTeacherResults(t.client, exam.id), (rows) => editor.setServerRows(rows));
  try {
    const grades = (view: ReturnType<ResultsEditor['getSnapshot']>) => view.rows.map(({ student, grade }) => `${student}:${grade}`).join(' ');
    const otherTab = t.otherTab();
    const ana = await otherTab.createResult({ id: crypto.randomUUID(), examId: exam.id, student: 'Ana', grade: 'B' });
    await otherTab.createResult({ id: crypto.randomUUID(), examId: other.id, student: 'Zed', grade: 'F' });
    await waitFor(editor, (view) => grades(view) === 'Ana:B', 'Ana to appear');

    await otherTab.updateResult({ id: ana.id, grade: 'A' });
    await waitFor(editor, (view) => grades(view) === 'Ana:A', 'Ana’s new grade');

    await otherTab.createResult({ id: crypto.randomUUID(), examId: exam.id, student: 'Ben', grade: 'C' });
    await otherTab.deleteResult(ana.id);
    await waitFor(editor, (view) => grades(view) === 'Ben:C', 'Ana to go and Ben to come');

    // this tab's own add, shown at once, is not doubled when its event comes back
    await editor.add({ student: 'Cy', grade: 'D' });
    await waitFor(editor, (view) => grades(view) === 'Ben:C Cy:D', 'Cy once');
    assert.equal(live.getState().error, undefined);
  } finally {
    live.close();
  }
});

test('the exam list shows exams created, renamed and deleted in another tab, with live result counts', async () => {
  const store = new ExamsStore(t.api);
  const owner = await t.owner();
  const exams = await follow(watchTeacherExams(t.client, owner), (rows) => store.setServerExams(rows));
  const results = await follow(watchTeacherResultCounts(t.client, owner), (rows) => store.setServerResults(rows)).catch((error: unknown) => {
    exams.close();
    throw error;
  });
  try {
    const summary = (view: ReturnType<ExamsStore['getSnapshot']>) => view.exams.map((exam) => `${exam.subject}:${exam.resultCount}`).join(' ');
    const otherTab = t.otherTab();
    const geo = await otherTab.createExam({ id: crypto.randomUUID(), subject: 'Geography', date: '2030-01-01', teacher: 'Ada' });
    await waitFor(store, (view) => summary(view).startsWith('Geography:0'), 'the new exam, newest first');

    const ana = await otherTab.createResult({ id: crypto.randomUUID(), examId: geo.id, student: 'Ana', grade: 'A' });
    await waitFor(store, (view) => summary(view).startsWith('Geography:1'), 'its result to be counted');

    await otherTab.updateExam({ id: geo.id, subject: 'World geography' });
    await waitFor(store, (view) => summary(view).startsWith('World geography:1'), 'the new name');

    // An exam goes once its results have (the API refuses it before), as the app deletes them.
    await otherTab.deleteResult(ana.id);
    await waitFor(store, (view) => summary(view).startsWith('World geography:0'), 'its result to go');
    await otherTab.deleteExam(geo.id);
    await waitFor(store, (view) => !view.exams.some((exam) => exam.id === geo.id), 'the exam to go');
  } finally {
    exams.close();
    results.close();
  }
});
