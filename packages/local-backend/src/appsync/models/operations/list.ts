import { filteredPage, readOrDeny } from '../reads';
import type { ModelOperation } from '../resolver-context';

/** `list<Models>(filter, limit, nextToken)`: a Scan page, then the filter and the owner scope. */
export const list: ModelOperation = (deps, fieldName, model) => (_source, args, { caller }) => {
  const access = readOrDeny(model, caller, 'list', fieldName, 'Query');
  return filteredPage(deps, `scan:${model.name}`, args, access, (page) => deps.store.scan(model.name, page));
};
