import type { Item } from '../../shared/values';
import { AppSyncError, dynamoDbError, unauthorized } from '../appsync-errors';
import type { Caller } from '../caller';
import { InvalidFilterError, matchesFilter, type Filter } from './filter-expression';
import { validationFailure } from './field-directives';
import { deniedInputFields, mayModify } from './model-auth';
import { keyOf, type ModelInfo } from './model-catalog';
import { markMutationResult, type Args, type PipelineExtras, type Resolver, type ResolverDeps } from './resolver-context';

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

/**
 * What the generated auth and validate functions check of a write's input after the caller is
 * authorized: fields their role may not set (`Unauthorized on [owner]`), then each field's
 * `@validate` checks, in the order the input gives them.
 */
export function checkFieldWrites(model: ModelInfo, caller: Caller, operation: 'create' | 'update', input: Item, current: Item | undefined): void {
  const denied = deniedInputFields(model, caller, operation, input, current);
  if (denied.length > 0) throw new AppSyncError('Unauthorized', `Unauthorized on [${denied.join(', ')}]`);
  for (const [field, directives] of model.fieldDirectives) {
    const failure = validationFailure(directives.validations, input[field]);
    if (failure) throw new AppSyncError(null, failure);
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
  { args, caller, beforeData }: { args: Args; caller: Caller; beforeData(args: Args): void },
  change: (current: Item, input: Item) => Item | null,
): Item {
  const input = args['input'] as Item;
  checkKey(model, input);
  return deps.store.write(model.name, keyOf(model, input), (current) => {
    if (!mayModify(model, caller, operation, current)) throw unauthorized(fieldName, 'Mutation');
    if (operation === 'update') checkFieldWrites(model, caller, 'update', input, current);
    beforeData(args);
    if (!current || !conditionHolds(current, args['condition'] as Filter)) throw conditionFailed();
    const next = change(current, input);
    return { next, result: next ?? current };
  });
}

/**
 * A create, update or delete resolver: `write` authorizes, runs `beforeData` and makes the
 * change durable, returning the item (after the change; before it for a delete), which
 * answers the mutation marked as its result.
 */
export function mutationResolver(
  model: ModelInfo,
  extras: PipelineExtras,
  write: (args: Args, caller: Caller, beforeData: (args: Args) => void) => Item,
): Resolver {
  return (source, args, context, info) => {
    const call = { source, args, context, info };
    const item = write(args, context.caller, (authorized) => extras.beforeData(call, authorized));
    return extras.afterData(call, markMutationResult({ ...item, __typename: model.name }));
  };
}
