import type { GuestClient } from '@exam-results/appsync-guest';
import type { ChangeKind, Versioned } from './live-items';
import { createLiveList, type LiveList, type LiveListOptions, type Page } from './live-list';
import { EXAM_FIELDS, RESULT_FIELDS, SHELF, type Exam, type ExamResult } from './model-fields';

/**
 * What a guest reads, each by a key or an index so that it costs what it returns: an exam by its
 * id, the most recent exams by `listExamsByDate`, one exam's results by `listResultsByExam`.
 * Live updates come from the generated subscriptions, filtered as the reads are.
 */

const PAGE_SIZE = 1000;
/** Exams the student list shows at a time. */
export const EXAM_PAGE_SIZE = 20;
const SUBSCRIPTIONS: Record<ChangeKind, string> = { create: 'onCreate', update: 'onUpdate', delete: 'onDelete' };

type Filter = Record<string, unknown>;
type Model = 'Exam' | 'Result';

const examFields = EXAM_FIELDS.join(' ');
const resultFields = RESULT_FIELDS.join(' ');

async function query<T>(client: GuestClient, document: string, variables: Record<string, unknown>, field: string): Promise<T> {
  const response = await client.graphql<Record<string, T>>(document, variables);
  const [error] = response.errors ?? [];
  if (error) throw new Error(error.message);
  const data = response.data?.[field];
  if (data === undefined) throw new Error(`${field} returned nothing`);
  return data;
}

/** The exam with this id, or null when there is none. */
export function readGuestExam(client: GuestClient, id: string): Promise<Exam | null> {
  return query<Exam | null>(client, `query ($id: ID!) { getExam(id: $id) { ${examFields} } }`, { id }, 'getExam');
}

/** One page of exams, the most recent (by date) first. */
export function listGuestExamsPage(client: GuestClient, nextToken: string | null = null, limit = EXAM_PAGE_SIZE): Promise<Page<Exam>> {
  return query<Page<Exam>>(
    client,
    `query ($shelf: String!, $limit: Int, $nextToken: String) { listExamsByDate(shelf: $shelf, sortDirection: DESC, limit: $limit, nextToken: $nextToken) { items { ${examFields} } nextToken } }`,
    { shelf: SHELF, limit, nextToken },
    'listExamsByDate',
  );
}

function listResultsPage(client: GuestClient, examId: string, nextToken: string | null): Promise<Page<ExamResult>> {
  return query<Page<ExamResult>>(
    client,
    `query ($examId: ID!, $limit: Int, $nextToken: String) { listResultsByExam(examId: $examId, limit: $limit, nextToken: $nextToken) { items { ${resultFields} } nextToken } }`,
    { examId, limit: PAGE_SIZE, nextToken },
    'listResultsByExam',
  );
}

/** Every result of one exam (all pages); none before the exam's release. */
export async function listGuestResults(client: GuestClient, examId: string): Promise<ExamResult[]> {
  const items: ExamResult[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page<ExamResult> = await listResultsPage(client, examId, nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** Records of one model kept live through appsync-guest: listed by `listPage`, then followed by its three subscriptions. */
function watchGuest<T extends Versioned>(client: GuestClient, model: Model, fields: string, listPage: (nextToken: string | null) => Promise<Page<T>>, filter: Filter | undefined, options?: LiveListOptions<T>): LiveList<T> {
  const realtime = client.realtime();
  const variables = filter ? { filter } : {};
  return createLiveList<T>(
    {
      subscriptionFields: Object.values(SUBSCRIPTIONS).map((operation) => `${operation}${model}`),
      listenToLink: (onEvent) => realtime.onEvent(onEvent),
      listPage,
      subscribe(kind, handlers) {
        const field = `${SUBSCRIPTIONS[kind]}${model}`;
        const document = `subscription ($filter: ModelSubscription${model}FilterInput) { ${field}(filter: $filter) { ${fields} } }`;
        return realtime.subscribe(field, document, variables, {
          next: (data) => {
            const item = (data as Record<string, T | null> | null)?.[field];
            if (item) handlers.next(item);
          },
          error: handlers.error,
        });
      },
    },
    options,
  );
}

/** One exam, kept live (its release moving, its subject corrected, its removal). */
export function watchGuestExam(client: GuestClient, id: string, options?: LiveListOptions<Exam>): LiveList<Exam> {
  const listPage = async (): Promise<Page<Exam>> => {
    const exam = await readGuestExam(client, id);
    return { items: exam ? [exam] : [], nextToken: null };
  };
  return watchGuest<Exam>(client, 'Exam', examFields, listPage, { id: { eq: id } }, options);
}

/** The most recent exams (one page), kept live: new exams arrive, changed ones change, removed ones go. */
export function watchGuestRecentExams(client: GuestClient, options?: LiveListOptions<Exam>): LiveList<Exam> {
  // Only the first page is (re-)listed; older pages are read on demand with listGuestExamsPage.
  const listPage = async (): Promise<Page<Exam>> => ({ items: (await listGuestExamsPage(client)).items, nextToken: null });
  return watchGuest<Exam>(client, 'Exam', examFields, listPage, undefined, options);
}

/** One exam's results, kept live; start it once the exam's results are released (AppSync refuses it before). */
export function watchGuestResults(client: GuestClient, examId: string, options?: LiveListOptions<ExamResult>): LiveList<ExamResult> {
  return watchGuest<ExamResult>(client, 'Result', resultFields, (nextToken) => listResultsPage(client, examId, nextToken), { examId: { eq: examId } }, options);
}
