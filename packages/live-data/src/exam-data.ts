import type { Client, SelectionSet } from 'aws-amplify/api';
import type { Schema } from '@exam-results/amplify/data/resource';
import { createLiveList, type LiveList, type Page } from './live-list';

/** A data client for the Exam Results schema, e.g. `generateClient<Schema>({ authMode: 'identityPool' })`. */
export type ExamResultsClient = Client<Schema>;

/** The fields of an exam both apps read; pass them as `selectionSet` to any read or write of an Exam. */
export const EXAM_FIELDS = ['id', 'subject', 'date', 'teacher', 'createdAt', 'updatedAt'] as const;
/** The fields of a result both apps read; pass them as `selectionSet` to any read or write of a Result. */
export const RESULT_FIELDS = ['id', 'examId', 'student', 'grade', 'createdAt', 'updatedAt'] as const;

/** An exam as read with {@link EXAM_FIELDS}, typed from the schema in amplify/data/resource.ts. */
export type Exam = SelectionSet<Schema['Exam'], typeof EXAM_FIELDS>;
/** A result as read with {@link RESULT_FIELDS}, typed from the schema in amplify/data/resource.ts. */
export type ExamResult = SelectionSet<Schema['Result'], typeof RESULT_FIELDS>;

const PAGE_SIZE = 1000;

interface ListResponse<T> {
  data: T[];
  errors?: readonly { message: string }[];
  nextToken?: string | null;
}

function toPage<T>(response: ListResponse<T>): Page<T> {
  const [error] = response.errors ?? [];
  if (error) throw new Error(error.message);
  return { items: response.data, nextToken: response.nextToken ?? null };
}

function subscriptionFields(model: string): string[] {
  return ['Create', 'Update', 'Delete'].map((operation) => `on${operation}${model}`);
}

/** Every exam, kept live; pass an id to follow just that exam (a list of at most one). */
export function watchExams(client: ExamResultsClient, id?: string): LiveList<Exam> {
  const { Exam } = client.models;
  const filter = id === undefined ? undefined : { id: { eq: id } };
  return createLiveList<Exam>({
    subscriptionFields: subscriptionFields('Exam'),
    listPage: async (nextToken) =>
      toPage(await Exam.list({ selectionSet: EXAM_FIELDS, limit: PAGE_SIZE, nextToken, ...(filter ? { filter } : {}) })),
    subscribe(kind, handlers) {
      const args = { selectionSet: EXAM_FIELDS, ...(filter ? { filter } : {}) };
      const events = kind === 'create' ? Exam.onCreate(args) : kind === 'update' ? Exam.onUpdate(args) : Exam.onDelete(args);
      const subscription = events.subscribe(handlers);
      return () => subscription.unsubscribe();
    },
  });
}

/**
 * The results of one exam, kept live; pass no exam id for every result of every
 * exam (e.g. to count results per exam).
 */
export function watchResults(client: ExamResultsClient, examId?: string): LiveList<ExamResult> {
  const { Result } = client.models;
  const filter = examId === undefined ? undefined : { examId: { eq: examId } };
  return createLiveList<ExamResult>({
    subscriptionFields: subscriptionFields('Result'),
    listPage: async (nextToken) =>
      toPage(await Result.list({ selectionSet: RESULT_FIELDS, limit: PAGE_SIZE, nextToken, ...(filter ? { filter } : {}) })),
    subscribe(kind, handlers) {
      const args = { selectionSet: RESULT_FIELDS, ...(filter ? { filter } : {}) };
      const events = kind === 'create' ? Result.onCreate(args) : kind === 'update' ? Result.onUpdate(args) : Result.onDelete(args);
      const subscription = events.subscribe(handlers);
      return () => subscription.unsubscribe();
    },
  });
}
