import type { Caller } from '../appsync/caller';

/** What the resolvers of one root field decided, from the generated code that ran. */
export interface FieldDecision {
  /** `Query.listExams`. */
  field: string;
  /** `allowed`, `filtered` (an owner filter was added), `Unauthorized` or the error type the field answered. */
  decision: string;
  /** The step that decided: the pipeline function that refused, or the one that added the filter. */
  by: string | undefined;
}

/**
 * What the request paths tell whoever watches (the console's requests monitor), injected at
 * start so that no service depends on the console.
 */
export interface RequestObservers {
  /** An answered GraphQL request over HTTP. */
  graphqlRequest?(facts: { caller: Caller; query: string; operationName: string | undefined; answer: unknown; latencyMs: number; decisions: readonly FieldDecision[] }): void;
  /** A real-time `start` (its payload as sent), acknowledged or refused with `errorType`. */
  subscriptionStart?(facts: { payload: unknown; caller?: Caller | undefined; errorType?: string | undefined; decisions: readonly FieldDecision[]; latencyMs: number }): void;
  /** A call of a Cognito (or other AWS JSON) API. */
  awsJsonCall?(facts: { targetPrefix: string; operation: string; input: unknown; errorType: string | undefined; latencyMs: number }): void;
  /** A DynamoDB read by a resolver: how many items it evaluated (DynamoDB's ScannedCount, what read capacity is paid for). */
  dataSourceRead?(facts: { dataSource: string; operation: string; scannedCount: number }): void;
}

/** Tells both sets of observers, `first` first. */
export function bothObservers(first: RequestObservers, second: RequestObservers): RequestObservers {
  const names = ['graphqlRequest', 'subscriptionStart', 'awsJsonCall', 'dataSourceRead'] as const;
  const both: Record<string, (facts: never) => void> = {};
  for (const name of names) {
    const a = first[name] as ((facts: never) => void) | undefined;
    const b = second[name] as ((facts: never) => void) | undefined;
    if (a && b) {
      both[name] = (facts) => {
        a(facts);
        b(facts);
      };
    } else if (a ?? b) {
      both[name] = (a ?? b) as (facts: never) => void;
    }
  }
  return both as RequestObservers;
}
