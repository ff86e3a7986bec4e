import type { Item } from '../../shared/values';
import { dynamoDbError, unauthorized, type AppSyncError } from '../appsync-errors';
import type { Caller } from '../caller';
import { InvalidFilterError, matchesFilter, type Filter } from './filter-expression';
import { mayModify } from './model-auth';
import { keyOf, type ModelInfo } from './model-catalog';
import { markMutationResult, type Args, type Resolver, type ResolverDeps } from './resolver-context';

// DynamoDB's item size limit.
const maxItemBytes = 400 * 1024;

export function conditionFailed(): AppSyncError {
  return dynamoDbError('ConditionalCheckFailedException', 'The conditional request failed');
}

/** DynamoDB refuses an empty string in a key attribute. */
export function checkKey(model: ModelInfo, values: Args): void {
  for (const field of model.keyFields) {
    if (values[field] === '') {
      throw dynamoDbError(
        'DynamoDbException',
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${field}`,
      );
    }
  }
}

export function checkSize(item: Item): void {
  if (Buffer.byteLength(JSON.stringify(item)) > maxItemBytes) {
    throw dynamoDbError('DynamoDbException', 'Item size has exceeded the maximum allowed size');
  }
}

/** Whether a mutation's `condition` holds for the stored item (none: an empty one). */
export function conditionHolds(item: Item | undefined, condition: Filter | null | undefined): boolean {
  try {
    return matchesFilter(item ?? {}, condition);
  } catch (error) {
    if (error instanceof InvalidFilterError) throw dynamoDbError('DynamoDbException', error.message);
    throw error;
  }
}

/**
 * An update or delete of the item stored at the input's key, in one transaction: refused
 * unless the caller may modify it and the `condition` holds; `change` returns what
 * replaces it (null deletes it). Returns the item after the change, or before a delete.
 */
export function changeStoredItem(
  deps: ResolverDeps,
  fieldName: string,
  model: ModelInfo,
  operation: 'update' | 'delete',
  { args, caller }: { args: Args; caller: Caller },
  change: (current: Item, input: Item) => Item | null,
): Item {
  const input = args['input'] as Item;
  checkKey(model, input);
  return deps.store.write(model.name, keyOf(model, input), (current) => {
    if (!mayModify(model, caller, operation, current)) throw unauthorized(fieldName, 'Mutation');
    if (!current || !conditionHolds(current, args['condition'] as Filter)) throw conditionFailed();
    const next = change(current, input);
    return { next, result: next ?? current };
  });
}

/**
 * A create, update or delete resolver: `write` makes the change durable and returns the
 * item (after the change; before it for a delete); the event is then published, here only.
 */
export function mutationResolver(deps: ResolverDeps, fieldName: string, model: ModelInfo, write: (args: Args, caller: Caller) => Item): Resolver {
  return (_source, args, { caller }) => {
    const item = write(args, caller);
    deps.publish({ mutationField: fieldName, modelName: model.name, item: markMutationResult({ ...item }) });
    return markMutationResult(item);
  };
}
