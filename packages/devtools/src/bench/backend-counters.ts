import type { RequestObservers } from '@exam-results/local-backend';

/** What the backend did, counted through its observers: GraphQL requests, items DynamoDB read, identity-pool calls. */
export interface Counts {
  requests: number;
  itemsRead: number;
  identityPoolCalls: number;
}

export function backendCounters(): { observers: RequestObservers; counts: Counts; since(start: Counts): Counts } {
  const counts: Counts = { requests: 0, itemsRead: 0, identityPoolCalls: 0 };
  return {
    counts,
    observers: {
      graphqlRequest: () => void counts.requests++,
      dataSourceRead: ({ scannedCount }) => void (counts.itemsRead += scannedCount),
      awsJsonCall: ({ targetPrefix }) => {
        if (targetPrefix.startsWith('AWSCognitoIdentityService')) counts.identityPoolCalls++;
      },
    },
    since: (start) => countsBetween(start, counts),
  };
}

export function countsBetween(start: Counts, end: Counts): Counts {
  return {
    requests: end.requests - start.requests,
    itemsRead: end.itemsRead - start.itemsRead,
    identityPoolCalls: end.identityPoolCalls - start.identityPoolCalls,
  };
}
