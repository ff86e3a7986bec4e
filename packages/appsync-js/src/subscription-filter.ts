/**
 * `util.transform.toSubscriptionFilter` (APPSYNC_JS and VTL): a filter object as clients and
 * Amplify's resolvers write it (`{ owner: { eq: 'x' }, or: [...], and: [...] }`) in the enhanced
 * subscription filter format `extensions.setSubscriptionFilter` takes: the filter groups are
 * alternatives (OR), the filters inside one group all have to hold (AND).
 */
export interface SubscriptionFilterCondition {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterCondition[] }[];
}

export class SubscriptionFilterError extends Error {
  override readonly name = 'SubscriptionFilterError';
}

const operators = new Set(['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny', 'attributeExists']);

type Groups = SubscriptionFilterCondition[][];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** AND of alternatives: every pairing of one group from each side. */
function both(left: Groups, right: Groups): Groups {
  return left.flatMap((a) => right.map((b) => [...a, ...b]));
}

function groupsOf(filter: Record<string, unknown>, ignored: ReadonlySet<string>): Groups {
  let groups: Groups = [[]];
  for (const [key, entry] of Object.entries(filter)) {
    if (entry === undefined || entry === null || ignored.has(key)) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(entry)) throw new SubscriptionFilterError(`"${key}" needs a list of filters`);
      const members = entry.filter(isRecord).map((member) => groupsOf(member, ignored));
      groups = both(groups, key === 'and' ? members.reduce(both, [[]]) : members.flat());
    } else if (key === 'not') {
      throw new SubscriptionFilterError('"not" is not supported in subscription filters');
    } else {
      if (!isRecord(entry)) throw new SubscriptionFilterError(`The filter on ${key} must be an object of operators`);
      const conditions = Object.entries(entry)
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([operator, value]) => {
          if (!operators.has(operator)) throw new SubscriptionFilterError(`Unsupported subscription filter operator "${operator}" on ${key}`);
          return { fieldName: key, operator, value };
        });
      groups = groups.map((group) => [...group, ...conditions]);
    }
  }
  return groups;
}

export function toSubscriptionFilter(filter: unknown, ignoredFields: readonly string[] = [], rules?: unknown): SubscriptionFilter | null {
  if (!isRecord(filter)) return null;
  const ignored = new Set(ignoredFields);
  let groups = groupsOf(filter, ignored);
  if (isRecord(rules)) groups = both(groups, groupsOf(rules, new Set()));
  const filterGroup = groups.filter((group) => group.length > 0).map((filters) => ({ filters }));
  return filterGroup.length === 0 ? null : { filterGroup };
}
