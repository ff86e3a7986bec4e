import { EXAM_FIELDS } from '@exam-results/live-data';
import type { DataApi, DataClient, Exam, ExamResult } from './data-api';
import { DataError, isUnanswered, readableReason } from './data-errors';
import { Outbox, type OutboxOptions } from './outbox';

/** A result added, changed or deleted: the row as the teacher left it. */
export interface ResultWrite {
  op: 'create' | 'update' | 'delete';
  item: ExamResult;
}

/** An exam created or changed: the exam as the teacher left it. */
export interface ExamWrite {
  op: 'create' | 'update';
  item: Exam;
}

export type ResultsOutbox = Outbox<ResultWrite, ExamResult>;
export type ExamsOutbox = Outbox<ExamWrite, Exam>;

type ResultsBackend = Pick<DataApi, 'createResult' | 'updateResult' | 'deleteResult' | 'getResult'>;
type ExamsBackend = Pick<DataApi, 'createExam' | 'updateExam'> & {
  /** Reads an exam back, to recognise a create that arrived before its answer was lost. */
  getExam?: (id: string) => Promise<Exam | undefined>;
};

/** The API refused a create because the id is taken: by this very write, when it is sent again. */
const idTaken = (error: unknown) => error instanceof DataError && /ConditionalCheckFailed/.test(error.errorType ?? '');

/** Sends a create; when its id is taken, the copy read back is the one an earlier try stored. */
async function createOnce<T>(create: () => Promise<T>, readBack: (() => Promise<T | undefined>) | undefined): Promise<T> {
  try {
    return await create();
  } catch (error) {
    const stored = idTaken(error) ? await readBack?.() : undefined;
    if (stored === undefined) throw error;
    return stored;
  }
}

interface ResultsOutboxOptions extends OutboxOptions {
  /** Whether the exam's own create still waits to be sent: its results wait for it. */
  examUnsent?: (examId: string) => boolean;
}

/**
 * The results' writes, kept until the server answers; sending one twice stores it once. A result
 * of an exam created offline is held until the exam is stored: sent before it, the server would
 * refuse it for an exam it does not know, and the entry would be lost.
 */
export function resultsOutbox(api: ResultsBackend, { examUnsent, ...options }: ResultsOutboxOptions = {}): ResultsOutbox {
  return new Outbox(async ({ op, item }) => {
    const { id, examId, student, grade, fullName, createdAt } = item;
    // an error without an API errorType holds the write, as no answer does
    if (examUnsent?.(examId)) throw new DataError('The exam is not saved yet; its results are sent after it.');
    if (op === 'update') return api.updateResult({ id, student, grade, fullName });
    if (op === 'create') return createOnce(() => api.createResult({ id, examId, student, grade, fullName, createdAt }), () => api.getResult(id));
    try {
      await api.deleteResult(id);
    } catch (error) {
      // refused because it is already gone (an earlier try, or another tab): deleted is deleted
      if (isUnanswered(error) || (await api.getResult(id)) !== undefined) throw error;
    }
    return item;
  }, options);
}

/** The exams' creates and edits, kept until the server answers; sending a create twice stores it once. */
export function examsOutbox(api: ExamsBackend, options?: OutboxOptions): ExamsOutbox {
  return new Outbox(({ op, item }) => {
    const { id, subject, date, teacher, grading, maxPoints, release, releaseAt, passMark } = item;
    // An edit sends what the exam form edits; the release and the pass mark change on the exam's page.
    if (op === 'update') return api.updateExam({ id, subject, date, teacher, grading, maxPoints });
    const { getExam } = api;
    return createOnce(() => api.createExam({ id, subject, date, teacher, grading, maxPoints, release, releaseAt, passMark }), getExam && (() => getExam(id)));
  }, options);
}

/** One exam as the server has it now, or undefined when there is none with that id. */
export function examReader(client: DataClient): (id: string) => Promise<Exam | undefined> {
  return async (id) => {
    const { data, errors } = await client.models.Exam.get({ id }, { selectionSet: EXAM_FIELDS });
    if (errors?.length) throw new DataError(readableReason(errors));
    return data ?? undefined;
  };
}
