import { unauthorized } from '../../appsync-errors';
import { keyOf } from '../model-catalog';
import { readOrDeny, visible } from '../reads';
import type { ModelOperation } from '../resolver-context';

/** `get<Model>(id)`: the item, null when there is none, Unauthorized when it is someone else's. */
export const get: ModelOperation = (deps, fieldName, model) => (_source, args, { caller }) => {
  const access = readOrDeny(model, caller, 'get', fieldName, 'Query');
  const item = deps.store.get(model.name, keyOf(model, args));
  if (!item) return null;
  if (!visible(access, item)) throw unauthorized(fieldName, 'Query');
  return item;
};
