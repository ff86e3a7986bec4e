import type { Client } from 'aws-amplify/api';
import type { Schema } from '@exam-results/amplify/data/resource';
import type { Versioned } from './live-items';
import { createLiveList, type LiveList, type LiveListOptions, type Page } from './live-list';
import { listenToRealtime } from './realtime-events';

/** A data client for the Exam Results schema, e.g. `generateClient<Schema>({ authMode: 'identityPool' })`. */
export type ExamResultsClient = Client<Schema>;

type Models = ExamResultsClient['models'];

/** A model of the schema, e.g. `Exam`. */
type ModelName = keyof Models & keyof Schema;

type ModelRecord<Name extends ModelName> = Schema[Name]['type'];

/** A field of the model itself, not one of its relations (those are loaders, i.e. functions). */
type ModelField<Name extends ModelName> = {
  [Key in keyof ModelRecord<Name>]-?: ModelRecord<Name>[Key] extends (...args: never[]) => unknown ? never : Key;
}[keyof ModelRecord<Name>] &
  string;

type Operations<Name extends ModelName> = Extract<Models[Name], Record<'list' | 'onCreate', (...args: never[]) => unknown>>;

/** Which records of a model to follow; the same filter lists them and selects their events. */
type ModelFilter<Name extends ModelName> = NonNullable<Parameters<Operations<Name>['list']>[0]>['filter'] &
  NonNullable<Parameters<Operations<Name>['onCreate']>[0]>['filter'];

/**
 * What a live list of `Name` read with `Fields` holds: those fields, typed from the schema. A
 * selected field is always there (null when empty), as the client's selection-set types say.
 */
export type WatchedItem<Name extends ModelName, Fields extends readonly ModelField<Name>[]> =
  { readonly [Key in Fields[number]]-?: Exclude<ModelRecord<Name>[Key], undefined> } extends infer Item extends Versioned ? Item : never;

/** A type error naming what is missing unless `Fields` has `id` and `updatedAt`, which order a record's versions. */
type WithVersion<Fields extends readonly string[]> = 'id' | 'updatedAt' extends Fields[number]
  ? unknown
  : { missing: Exclude<'id' | 'updatedAt', Fields[number]> };

interface ModelQuery<Name extends ModelName, Fields extends readonly ModelField<Name>[]> {
  model: Name;
  /** The fields to read, in the list and in every event; `id` and `updatedAt` among them. */
  selectionSet: Fields & WithVersion<Fields>;
  /** Leave out to follow every record the caller may read. */
  filter?: ModelFilter<Name>;
  /**
   * Reads the records a page at a time by a key or an index (e.g. `models.Result.listResultsByExam`)
   * instead of the model's `list`, which AppSync runs as a Scan of the whole table.
   */
  listBy?: (options: PageOptions) => Promise<ListResponse<unknown>>;
}

interface PageOptions {
  selectionSet: readonly string[];
  limit: number;
  nextToken: string | null;
}

interface ListResponse<T> {
  data: T[];
  errors?: readonly GraphQLError[];
  nextToken?: string | null;
}

interface Observer<T> {
  next(item: T): void;
  error(error: unknown): void;
}

interface GraphQLError {
  message: string;
}

/** The calls a live list makes, alike for every model of the client. */
interface LiveModel<T> {
  list(options: PageOptions & { filter?: object }): Promise<ListResponse<T>>;
  onCreate(options: { selectionSet: readonly string[]; filter?: object }): { subscribe(observer: Observer<T>): { unsubscribe(): void } };
  onUpdate: LiveModel<T>['onCreate'];
  onDelete: LiveModel<T>['onCreate'];
}

const PAGE_SIZE = 1000;
const SUBSCRIPTIONS = { create: 'onCreate', update: 'onUpdate', delete: 'onDelete' } as const;

function toPage<T>(response: Awaited<ReturnType<LiveModel<T>['list']>>): Page<T> {
  const [error] = response.errors ?? [];
  if (error) throw new Error(error.message);
  return { items: response.data, nextToken: response.nextToken ?? null };
}

/**
 * The records of one model kept live: listed page by page and followed through its
 * `onCreate`/`onUpdate`/`onDelete` subscriptions, all with the same fields and filter.
 */
export function watchModel<Name extends ModelName, const Fields extends readonly ModelField<Name>[]>(
  // NoInfer: inferring from the client's type would walk every generic method of every model.
  client: NoInfer<ExamResultsClient>,
  { model, selectionSet, filter, listBy }: ModelQuery<Name, Fields>,
  options?: LiveListOptions<WatchedItem<Name, Fields>>,
): LiveList<WatchedItem<Name, Fields>> {
  // TypeScript cannot pick one model's signatures for a generic name; the calls are the same for every model.
  const operations = client.models[model] as unknown as LiveModel<WatchedItem<Name, Fields>>;
  const args = filter === undefined ? { selectionSet } : { selectionSet, filter };
  return createLiveList(
    {
      subscriptionFields: Object.values(SUBSCRIPTIONS).map((operation) => `${operation}${model}`),
      listenToLink: listenToRealtime,
      listPage: async (nextToken) => {
        const page = { selectionSet, limit: PAGE_SIZE, nextToken };
        return toPage(listBy ? ((await listBy(page)) as ListResponse<WatchedItem<Name, Fields>>) : await operations.list({ ...args, ...page }));
      },
      subscribe(kind, handlers) {
        const subscription = operations[SUBSCRIPTIONS[kind]](args).subscribe(handlers);
        return () => subscription.unsubscribe();
      },
    },
    options,
  );
}
