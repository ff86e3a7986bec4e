import { randomUUID } from 'node:crypto';
import type { Item } from '../../../shared/values';
import { unauthorized } from '../../appsync-errors';
import type { Filter } from '../filter-expression';
import { authorizeCreate } from '../model-auth';
import { keyOf } from '../model-catalog';
import type { ModelOperation } from '../resolver-context';
import { checkFieldWrites, checkKey, checkSize, conditionFailed, conditionHolds, mutationResolver } from '../writes';

/** `create<Model>(input, condition)`: id and timestamps filled in, owner set, refused if the key is taken. */
export const create: ModelOperation = (deps, fieldName, model, extras) =>
  mutationResolver(model, extras, (args, caller, beforeData) => {
    const given = args['input'] as Item;
    const input = authorizeCreate(model, caller, given);
    if (!input) throw unauthorized(fieldName, 'Mutation');
    checkFieldWrites(model, caller, 'create', given, undefined);
    beforeData({ ...args, input });
    const timestamp = deps.clock.now().toISOString();
    const item: Item = {
      ...(model.generatesId ? { id: randomUUID() } : {}),
      ...(model.createdAtField ? { [model.createdAtField]: timestamp } : {}),
      ...(model.updatedAtField ? { [model.updatedAtField]: timestamp } : {}),
      ...input,
      __typename: model.name,
    };
    checkKey(model, item);
    checkSize(item);
    return deps.store.write(model.name, keyOf(model, item), (current) => {
      if (current || !conditionHolds(undefined, args['condition'] as Filter)) throw conditionFailed();
      return { next: item, result: item };
    });
  });
