import { toDynamoDBExpression, toSubscriptionFilter } from '@exam-results/appsync-js';
import { HostObject } from '../host-object';
import { JavaException } from '../java-values';
import { toJsonValue } from './json';

/** `$util.transform`: in VTL the DynamoDB expressions come back as JSON strings. */
export function createTransform(): HostObject {
  const expression = (filter: unknown) => JSON.stringify(toDynamoDBExpression(toJsonValue(filter)));
  return new HostObject({
    toDynamoDBFilterExpression: expression,
    toDynamoDBConditionExpression: expression,
    toSubscriptionFilter: (filter: unknown, ignoredFields?: unknown, rules?: unknown) =>
      toSubscriptionFilter(toJsonValue(filter), Array.isArray(ignoredFields) ? ignoredFields.map(String) : [], toJsonValue(rules)),
    toElasticsearchQueryDSL: () => {
      throw new JavaException('$util.transform.toElasticsearchQueryDSL is not supported by the local backend');
    },
  });
}
