import type { LiveList } from './live-list';
import { EXAM_FIELDS, SHELF, type Exam } from './model-fields';
import { watchModel, type ExamResultsClient, type WatchedItem } from './watch-model';

/**
 * The teacher's own exams, newest first, kept live, read by the `listExamsByOwner` index (the
 * owner value Amplify's owner rule stores: `<sub>::<username>`), so no other teacher's exam is read.
 */
export function watchOwnExams(client: ExamResultsClient, owner: string): LiveList<Exam> {
  return watchModel(client, {
    model: 'Exam',
    selectionSet: EXAM_FIELDS,
    listBy: ({ limit, nextToken }) => client.models.Exam.listExamsByOwner({ owner }, { selectionSet: EXAM_FIELDS, sortDirection: 'DESC', limit, nextToken }),
  });
}

/**
 * Puts the teacher's exams that have no `shelf` (created before the student list read by
 * `listExamsByDate`, whose partition key it is) on the shelf, so that the student list shows them
 * again: an item without an index's key is not in the index. Resolves with how many it put.
 */
export async function shelveOwnExams(client: ExamResultsClient, owner: string): Promise<number> {
  const unshelved = await ownExamIds(client, owner, { shelf: { attributeExists: false } });
  for (const id of unshelved) {
    const { errors } = await client.models.Exam.update({ id, shelf: SHELF }, { selectionSet: ['id'] });
    throwFirstError(errors, 'updateExam');
  }
  return unshelved.length;
}

/** The ids of the teacher's exams (that pass `filter`), every page of the `listExamsByOwner` index. */
async function ownExamIds(client: ExamResultsClient, owner: string, filter?: { shelf: { attributeExists: boolean } }): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | null | undefined = null;
  do {
    const page: { data: { id: string }[]; errors?: readonly unknown[]; nextToken?: string | null } = await client.models.Exam.listExamsByOwner(
      { owner },
      { ...(filter ? { filter } : {}), selectionSet: ['id'], limit: 1000, nextToken },
    );
    throwFirstError(page.errors, 'listExamsByOwner');
    ids.push(...page.data.map(({ id }) => id));
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

function throwFirstError(errors: readonly unknown[] | undefined, field: string): void {
  const [error] = errors ?? [];
  if (error) throw new Error((error as { message?: string }).message ?? `${field} failed`);
}

const COUNTED_FIELDS = ['id', 'examId', 'updatedAt'] as const;
export type CountedResult = WatchedItem<'Result', typeof COUNTED_FIELDS>;

/** Where reading the teacher's results stands: the exams still to read, and the page to go on with. */
interface CountCursor {
  examIds: string[];
  nextToken: string | null;
}

/**
 * The teacher's results, enough to count them per exam, kept live: read exam by exam through
 * `listResultsByExam` (a Scan of the results would read every teacher's), then followed by the
 * owner's result subscriptions.
 */
export function watchOwnResultCounts(client: ExamResultsClient, owner: string): LiveList<CountedResult> {
  const listBy = async ({ limit, nextToken }: { limit: number; nextToken: string | null }) => {
    const cursor: CountCursor = nextToken ? (JSON.parse(nextToken) as CountCursor) : { examIds: await ownExamIds(client, owner), nextToken: null };
    const [examId, ...rest] = cursor.examIds;
    if (examId === undefined) return { data: [], nextToken: null };
    const page = await client.models.Result.listResultsByExam({ examId }, { selectionSet: COUNTED_FIELDS, limit, nextToken: cursor.nextToken });
    const next: CountCursor | null = page.nextToken ? { examIds: cursor.examIds, nextToken: page.nextToken } : rest.length > 0 ? { examIds: rest, nextToken: null } : null;
    return { data: page.data, errors: page.errors, nextToken: next && JSON.stringify(next) };
  };
  return watchModel(client, { model: 'Result', selectionSet: COUNTED_FIELDS, listBy });
}

