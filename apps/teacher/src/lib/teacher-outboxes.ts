import type { DataApi, DataClient } from './data-api';
import type { WriteStorage } from './outbox';
import type { Scheduler } from './scheduler';
import { examReader, examsOutbox, resultsOutbox, type ExamsOutbox, type ResultsOutbox } from './outbox-writes';

/** A signed-in teacher's writes not acknowledged by the server yet, for every page of the session. */
export interface TeacherOutboxes {
  results: ResultsOutbox;
  exams: ExamsOutbox;
}

/**
 * The teacher's outboxes, kept in `storage` (the browser's localStorage) under keys of their
 * own: what one teacher left unsent is sent again when they come back, and another teacher
 * signed in on the same computer never sees it.
 */
export function teacherOutboxes(client: DataClient, api: DataApi, teacherId: string, storage: WriteStorage | undefined, scheduler?: Scheduler): TeacherOutboxes {
  const key = (what: string) => `exam-results.unsent.${teacherId}.${what}`;
  const timers = scheduler ? { scheduler } : {};
  const exams = examsOutbox({ ...api, getExam: examReader(client) }, { storage, key: key('exams'), ...timers });
  const examUnsent = (examId: string) => exams.getSnapshot().some(({ op, item }) => op === 'create' && item.id === examId);
  const results = resultsOutbox(api, { storage, key: key('results'), examUnsent, ...timers });
  // results held for their exam go as soon as it is stored
  exams.subscribe(() => results.retryNow());
  return { results, exams };
}
