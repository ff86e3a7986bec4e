import type { Item } from '../../shared/values';
import { AppSyncError, dynamoDbError, unauthorized } from '../appsync-errors';
import type { Caller } from '../caller';
import { InvalidFilterError, matchesFilter, type Filter } from './filter-expression';
import type { Page, PageRequest } from './item-store';
import { readAccess, type ReadAccess } from './model-auth';
import type { ModelInfo } from './model-catalog';
import { InvalidPageTokenError } from './page-token';
import type { Args, ResolverDeps } from './resolver-context';

const defaultLimit = 100;

/** What the caller may read of `model`; Unauthorized on `type.field` when nothing. */
export function readOrDeny(model: ModelInfo, caller: Caller, operation: 'get' | 'list', field: string, type: string): ReadAccess {
  const access = readAccess(model, caller, operation);
  if (access.kind === 'denied') throw unauthorized(field, type);
  return access;
}

export function visible(access: ReadAccess, item: Item): boolean {
  if (access.kind === 'denied') return false;
  return access.kind === 'all' || matchesFilter(item, access.filter);
}

/**
 * Reads a page then filters it, as a DynamoDB Scan/Query with a FilterExpression does.
 * `source` names the scan or index query, so a `nextToken` only resumes what it came from.
 */
export function filteredPage(
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
