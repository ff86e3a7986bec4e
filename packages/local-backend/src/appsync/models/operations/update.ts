import type { ModelOperation } from '../resolver-context';
import { changeStoredItem, checkSize, mutationResolver } from '../writes';

/** `update<Model>(input, condition)`: merges the input into the stored item; null removes an attribute. */
export const update: ModelOperation = (deps, fieldName, model, extras) =>
  mutationResolver(model, extras, (args, caller, beforeData) =>
    changeStoredItem(deps, fieldName, model, 'update', { args, caller, beforeData }, (current, input) => {
      const changes = { ...(model.updatedAtField ? { [model.updatedAtField]: deps.clock.now().toISOString() } : {}), ...input };
      // Null removes an attribute, as the generated update resolver's REMOVE clause does.
      const removed = new Set(Object.keys(changes).filter((field) => changes[field] === null));
      const next = Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([field]) => !removed.has(field)));
      checkSize(next);
      return next;
    }),
  );
