import type { GuestClient } from '@exam-results/appsync-guest';
import type { ChangeKind, Versioned } from './live-items';
import { createLiveList, type LiveList, type LiveListOptions, type Page } from './live-list';
import { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult } from './model-fields';

/** A model as the generated GraphQL API names it (Gen 2 schema, `a.model`). */
interface GuestModel {
  name: 'Exam' | 'Result';
  /** The list query's root field, as Amplify's generator pluralises it. */
  listField: string;
  fields: readonly string[];
}

const EXAM: GuestModel = { name: 'Exam', listField: 'listExams', fields: EXAM_FIELDS };
const RESULT: GuestModel = { name: 'Result', listField: 'listResults', fields: RESULT_FIELDS };

const PAGE_SIZE = 1000;
const SUBSCRIPTIONS: Record<ChangeKind, string> = { create: 'onCreate', update: 'onUpdate', delete: 'onDelete' };

type Filter = Record<string, unknown>;

function listDocument({ name, listField, fields }: GuestModel): string {
  return `query ($filter: Model${name}FilterInput, $limit: Int, $nextToken: String) { ${listField}(filter: $filter, limit: $limit, nextToken: $nextToken) { items { ${fields.join(' ')} } nextToken } }`;
}

function subscriptionDocument({ name, fields }: GuestModel, field: string): string {
  return `subscription ($filter: ModelSubscription${name}FilterInput) { ${field}(filter: $filter) { ${fields.join(' ')} } }`;
}

async function listPage<T>(client: GuestClient, model: GuestModel, filter: Filter | undefined, nextToken: string | null): Promise<Page<T>> {
  const response = await client.graphql<Record<string, { items: T[]; nextToken: string | null } | null>>(listDocument(model), {
    ...(filter ? { filter } : {}),
    limit: PAGE_SIZE,
    nextToken,
  });
  const [error] = response.errors ?? [];
  if (error) throw new Error(error.message);
  const page = response.data?.[model.listField];
  if (!page) throw new Error(`${model.listField} returned nothing`);
  return { items: page.items, nextToken: page.nextToken };
}

/** Every record of `model` matching `filter`, all pages: what a server render reads. */
async function listAll<T>(client: GuestClient, model: GuestModel, filter: Filter | undefined): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page<T> = await listPage<T>(client, model, filter, nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** The records of one model kept live through appsync-guest: listed, then followed by its three subscriptions. */
function watchGuestModel<T extends Versioned>(client: GuestClient, model: GuestModel, filter: Filter | undefined, options?: LiveListOptions<T>): LiveList<T> {
  const realtime = client.realtime();
  const variables = filter ? { filter } : {};
  return createLiveList<T>(
    {
      subscriptionFields: Object.values(SUBSCRIPTIONS).map((operation) => `${operation}${model.name}`),
      listenToLink: (onEvent) => realtime.onEvent(onEvent),
      listPage: (nextToken) => listPage<T>(client, model, filter, nextToken),
      subscribe(kind, handlers) {
        const field = `${SUBSCRIPTIONS[kind]}${model.name}`;
        return realtime.subscribe(field, subscriptionDocument(model, field), variables, {
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

const examFilter = (id: string | undefined): Filter | undefined => (id === undefined ? undefined : { id: { eq: id } });
const resultFilter = (examId: string | undefined): Filter | undefined => (examId === undefined ? undefined : { examId: { eq: examId } });

/** Every exam (or the one with `id`), read once as a guest. */
export function listGuestExams(client: GuestClient, id?: string): Promise<Exam[]> {
  return listAll<Exam>(client, EXAM, examFilter(id));
}

/** Every result (or those of `examId`), read once as a guest. */
export function listGuestResults(client: GuestClient, examId?: string): Promise<ExamResult[]> {
  return listAll<ExamResult>(client, RESULT, resultFilter(examId));
}

/** `watchExams` through appsync-guest. */
export function watchGuestExams(client: GuestClient, id?: string, options?: LiveListOptions<Exam>): LiveList<Exam> {
  return watchGuestModel<Exam>(client, EXAM, examFilter(id), options);
}

/** `watchResults` through appsync-guest. */
export function watchGuestResults(client: GuestClient, examId?: string, options?: LiveListOptions<ExamResult>): LiveList<ExamResult> {
  return watchGuestModel<ExamResult>(client, RESULT, resultFilter(examId), options);
}
