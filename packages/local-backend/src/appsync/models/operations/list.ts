import { filteredPage, readOrDeny } from '../reads';
import type { ModelOperation } from '../resolver-context';

/** `list<Models>(filter, limit, nextToken)`: a Scan page, then the filter and the owner scope. */
export const list: ModelOperation = (deps, fieldName, model, extras) => (source, args, context, info) => {
  const call = { source, args, context, info };
  const access = readOrDeny(model, context.caller, 'list', fieldName, 'Query');
  extras.beforeData(call, args);
  return extras.afterData(call, filteredPage(deps, `scan:${model.name}`, args, access, (page) => deps.store.scan(model.name, page)));
};
