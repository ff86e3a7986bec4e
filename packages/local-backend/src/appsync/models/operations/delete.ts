import type { ModelOperation } from '../resolver-context';
import { changeStoredItem, mutationResolver } from '../writes';

/** `delete<Model>(input, condition)`: removes the item and returns it as it was. */
export const remove: ModelOperation = (deps, fieldName, model, extras) =>
  mutationResolver(model, extras, (args, caller, beforeData) => changeStoredItem(deps, fieldName, model, 'delete', { args, caller, beforeData }, () => null));
