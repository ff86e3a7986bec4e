import { randomUUID } from 'node:crypto';
import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { Caller } from '../caller';
import type { Clock } from '../../shared/clock';
import { AppSyncError, dynamoDbError, unauthorized } from '../appsync-errors';
import { InvalidFilterError, matchesFilter, type Filter } from './filter-expression';
import type { Item } from '../../shared/values';
import { storageKey, type ItemStore, type Page, type PageRequest } from './item-store';
import { authorizeCreate, mayModify, readAccess, type ReadAccess } from './model-auth';
import type { ModelCatalog, ModelInfo, Relation } from './model-catalog';
import { InvalidPageTokenError, type PageTokens } from './page-token';

/** The GraphQL context every resolver reads: who is asking, already authenticated. */
export interface AppSyncContext {
  caller: Caller;
}

/** Published after a create, update or delete is durable. */
export interface MutationEvent {
  /** The root Mutation field, e.g. `createResult`. */
  mutationField: string;
  modelName: string;
  /**
   * The stored item (after the change; before it for a delete), owner included. It is
   * marked as a mutation result, so relationship fields resolve to null / no items when a
   * subscription selection set is executed on it, as the generated resolvers do.
   */
  item: Item;
}

export interface ResolverDeps {
  catalog: ModelCatalog;
  store: ItemStore;
  tokens: PageTokens;
  clock: Clock;
  publish(event: MutationEvent): void;
}

type Args = Record<string, unknown>;
type Resolver = GraphQLFieldResolver<unknown, AppSyncContext, Args>;

const defaultLimit = 100;
// DynamoDB's item size limit.
const maxItemBytes = 400 * 1024;

const mutationResult = Symbol('mutationResult');

function markMutationResult(item: Item): Item {
  Object.defineProperty(item, mutationResult, { value: true, enumerable: false });
  return item;
}

function isMutationResult(source: unknown): boolean {
  return typeof source === 'object' && source !== null && (source as Record<symbol, unknown>)[mutationResult] === true;
}

function conditionFailed(): AppSyncError {
  return dynamoDbError('ConditionalCheckFailedException', 'The conditional request failed');
}

function keyOf(model: ModelInfo, values: Args): unknown[] {
  return model.keyFields.map((field) => values[field]);
}

function checkKey(model: ModelInfo, values: Args, fields: readonly string[] = model.keyFields): void {
  for (const field of fields) {
    if (values[field] === '') {
      throw dynamoDbError(
        'DynamoDbException',
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${field}`,
      );
    }
  }
}

function readOrDeny(model: ModelInfo, caller: Caller, operation: 'get' | 'list', field: string, type: string): ReadAccess {
  const access = readAccess(model, caller, operation);
  if (access.kind === 'denied') throw unauthorized(field, type);
  return access;
}

function visible(access: ReadAccess, item: Item): boolean {
  if (access.kind === 'denied') return false;
  return access.kind === 'all' || matchesFilter(item, access.filter);
}

/** Reads a page then filters it, as a DynamoDB Scan/Query with a FilterExpression does. */
function filteredPage(
  deps: ResolverDeps,
  source: string,
  args: Args,
  access: ReadAccess,
  read: (page: PageRequest) => Page,
): { items: Item[]; nextToken: string | null } {
  const limit = (args['limit'] as number | null | undefined) ?? defaultLimit;
  if (limit < 1) {
    throw dynamoDbError(
      'DynamoDbException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  const nextToken = args['nextToken'] as string | null | undefined;
  let after: string | undefined;
  try {
    after = nextToken ? deps.tokens.decode(source, nextToken) : undefined;
  } catch (error) {
    if (!(error instanceof InvalidPageTokenError)) throw error;
    throw new AppSyncError(
      'DynamoDB:UserIllegalArgumentException',
      'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
    );
  }
  const page = read({ limit, after, descending: args['sortDirection'] === 'DESC' });
  const filter = args['filter'] as Filter | null | undefined;
  try {
    const items = page.items.filter((item) => visible(access, item) && matchesFilter(item, filter));
    return { items, nextToken: page.lastKey === undefined ? null : deps.tokens.encode(source, page.lastKey) };
  } catch (error) {
    if (error instanceof InvalidFilterError) throw dynamoDbError('DynamoDbException', error.message);
    throw error;
  }
}

function conditionHolds(item: Item | undefined, condition: Filter | null | undefined): boolean {
  try {
    return matchesFilter(item ?? {}, condition);
  } catch (error) {
    if (error instanceof InvalidFilterError) throw dynamoDbError('DynamoDbException', error.message);
    throw error;
  }
}

function now(deps: ResolverDeps): string {
  return deps.clock.now().toISOString();
}

function modelResolvers(deps: ResolverDeps, fieldName: string, kind: string, model: ModelInfo): Resolver {
  const { store } = deps;
  switch (kind) {
    case 'get':
      return (_source, args, { caller }) => {
        const access = readOrDeny(model, caller, 'get', fieldName, 'Query');
        const item = store.get(model.name, keyOf(model, args));
        if (!item) return null;
        if (!visible(access, item)) throw unauthorized(fieldName, 'Query');
        return item;
      };
    case 'list':
      return (_source, args, { caller }) => {
        const access = readOrDeny(model, caller, 'list', fieldName, 'Query');
        return filteredPage(deps, `scan:${model.name}`, args, access, (page) => store.scan(model.name, page));
      };
    case 'create':
      return (_source, args, { caller }) => {
        const input = authorizeCreate(model, caller, args['input'] as Item);
        if (!input) throw unauthorized(fieldName, 'Mutation');
        const timestamp = now(deps);
        const item: Item = {
          ...(model.generatesId ? { id: randomUUID() } : {}),
          ...(model.createdAtField ? { [model.createdAtField]: timestamp } : {}),
          ...(model.updatedAtField ? { [model.updatedAtField]: timestamp } : {}),
          ...input,
          __typename: model.name,
        };
        checkKey(model, item);
        checkSize(item);
        store.write(model.name, keyOf(model, item), (current) => {
          if (current || !conditionHolds(undefined, args['condition'] as Filter)) throw conditionFailed();
          return { next: item, result: item };
        });
        deps.publish({ mutationField: fieldName, modelName: model.name, item: markMutationResult({ ...item }) });
        return markMutationResult(item);
      };
    case 'update':
      return (_source, args, { caller }) => {
        const input = args['input'] as Item;
        checkKey(model, input);
        const item = store.write(model.name, keyOf(model, input), (current) => {
          if (!mayModify(model, caller, 'update', current)) throw unauthorized(fieldName, 'Mutation');
          if (!current || !conditionHolds(current, args['condition'] as Filter)) throw conditionFailed();
          const changes = { ...(model.updatedAtField ? { [model.updatedAtField]: now(deps) } : {}), ...input };
          // Null removes an attribute, as the generated update resolver's REMOVE clause does.
          const removed = new Set(Object.keys(changes).filter((field) => changes[field] === null));
          const next = Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([field]) => !removed.has(field)));
          checkSize(next);
          return { next, result: next };
        });
        deps.publish({ mutationField: fieldName, modelName: model.name, item: markMutationResult({ ...item }) });
        return markMutationResult(item);
      };
    case 'delete':
      return (_source, args, { caller }) => {
        const input = args['input'] as Item;
        checkKey(model, input);
        const item = store.write(model.name, keyOf(model, input), (current) => {
          if (!mayModify(model, caller, 'delete', current)) throw unauthorized(fieldName, 'Mutation');
          if (!current || !conditionHolds(current, args['condition'] as Filter)) throw conditionFailed();
          return { next: null, result: current };
        });
        deps.publish({ mutationField: fieldName, modelName: model.name, item: markMutationResult({ ...item }) });
        return markMutationResult(item);
      };
    default:
      throw new Error(`no resolver for ${kind}`);
  }
}

function checkSize(item: Item): void {
  if (Buffer.byteLength(JSON.stringify(item)) > maxItemBytes) {
    throw dynamoDbError('DynamoDbException', 'Item size has exceeded the maximum allowed size');
  }
}

function relationResolver(deps: ResolverDeps, type: GraphQLObjectType, owner: ModelInfo, relation: Relation): Resolver {
  const related = deps.catalog.models.get(relation.related);
  if (!related) throw new Error(`${owner.name}.${relation.field} refers to unknown model ${relation.related}`);
  const { store } = deps;
  if (relation.kind === 'belongsTo') {
    return (source, _args, { caller }) => {
      if (isMutationResult(source)) return null;
      const access = readOrDeny(related, caller, 'get', relation.field, type.name);
      const key = relation.keyFields.map((field) => (source as Item)[field]);
      if (key.some((value) => value === null || value === undefined || value === '')) return null;
      const item = store.get(related.name, key);
      if (!item) return null;
      if (!visible(access, item)) throw unauthorized(relation.field, type.name);
      return item;
    };
  }
  return (source, args, { caller }) => {
    if (isMutationResult(source)) return relation.kind === 'hasMany' ? { items: [], nextToken: null } : null;
    const access = readOrDeny(related, caller, 'list', relation.field, type.name);
    const key = keyOf(owner, source as Item);
    if (key.some((value) => value === null || value === undefined)) {
      return relation.kind === 'hasMany' ? { items: [], nextToken: null } : null;
    }
    const query = (page: PageRequest) => store.query(related.name, relation.keyFields, key, page);
    if (relation.kind === 'hasOne') {
      return query({ limit: Number.MAX_SAFE_INTEGER }).items.find((item) => visible(access, item)) ?? null;
    }
    const tokenSource = `query:${related.name}:${relation.keyFields.join(',')}:${storageKey(key)}`;
    return filteredPage(deps, tokenSource, args, access, query);
  };
}

/** The generated resolvers of owner fields return only the username part of `<sub>::<username>`. */
function ownerFieldResolver(field: string): Resolver {
  const lastPart = (value: unknown) => (typeof value === 'string' ? (value.split('::').pop() ?? value) : value);
  return (source) => {
    const value = (source as Item)[field];
    return Array.isArray(value) ? value.map(lastPart) : lastPart(value);
  };
}

/**
 * Attaches the generic model resolvers to the root fields and model types of `schema`.
 * Returns the root Query/Mutation fields no generic resolver serves (custom queries,
 * secondary-index queries); they answer with an error naming themselves.
 */
export function attachResolvers(schema: GraphQLSchema, deps: ResolverDeps): string[] {
  const unserved: string[] = [];
  const roots = [schema.getQueryType(), schema.getMutationType()];
  for (const root of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const operation = deps.catalog.operations.get(field.name);
      if (operation) {
        field.resolve = modelResolvers(deps, field.name, operation.kind, operation.model);
      } else {
        const name = `${root.name}.${field.name}`;
        unserved.push(name);
        field.resolve = () => {
          throw new AppSyncError('NotImplemented', `The local backend has no resolver for ${name}`);
        };
      }
    }
  }
  for (const model of deps.catalog.models.values()) {
    const type = schema.getType(model.name) as GraphQLObjectType | undefined;
    if (!type) throw new Error(`the schema has no type for model ${model.name}`);
    const fields = type.getFields();
    for (const relation of model.relations.values()) {
      const field = fields[relation.field];
      if (field) field.resolve = relationResolver(deps, type, model, relation);
    }
    for (const rule of model.authRules) {
      const field = rule.allow === 'owner' ? fields[rule.ownerField] : undefined;
      if (field) field.resolve = ownerFieldResolver(rule.ownerField);
    }
  }
  return unserved;
}
