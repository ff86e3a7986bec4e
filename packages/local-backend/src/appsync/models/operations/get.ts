import { unauthorized } from '../../appsync-errors';
import { keyOf } from '../model-catalog';
import { readOrDeny, visible } from '../reads';
import type { ModelOperation } from '../resolver-context';

/** `get<Model>(id)`: the item, null when there is none, Unauthorized when it is someone else's. */
export const get: ModelOperation = (deps, fieldName, model, extras) => (source, args, context, info) => {
  const call = { source, args, context, info };
  const access = readOrDeny(model, context.caller, 'get', fieldName, 'Query');
  extras.beforeData(call, args);
  const item = deps.store.get(model.name, keyOf(model, args));
  if (item && !visible(access, item)) throw unauthorized(fieldName, 'Query');
  return extras.afterData(call, item ?? null);
};
