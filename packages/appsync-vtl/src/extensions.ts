import { HostObject } from './host-object';
import type { Invocation } from './invocation';
import { toJsonValue } from './util/json';

/** `$extensions`: what a resolver asks of subscriptions and the response cache, recorded for the caller. */
export function createExtensions(invocation: Invocation): HostObject {
  return new HostObject({
    setSubscriptionFilter: (filter: unknown) => {
      invocation.subscriptionFilter = toJsonValue(filter);
      return '';
    },
    setSubscriptionInvalidationFilter: (filter: unknown) => {
      invocation.subscriptionInvalidationFilter = toJsonValue(filter);
      return '';
    },
    invalidateSubscriptions: (invalidation: unknown) => {
      invocation.invalidations.push(toJsonValue(invalidation));
      return '';
    },
    evictFromApiCache: (typeName: unknown, fieldName: unknown, keys: unknown) => {
      invocation.cacheEvictions.push({ typeName, fieldName, keys: toJsonValue(keys) });
      return '';
    },
  });
}
