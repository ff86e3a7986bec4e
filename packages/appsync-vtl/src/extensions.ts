import { HostObject } from './host-object';
import type { Invocation } from './invocation';
import { toJsonValue } from './util/json';

/** `$extensions`: what a resolver asks of subscriptions and the response cache, recorded (in `this`) for the caller. */
export const extensions = new HostObject({
  setSubscriptionFilter(this: Invocation, filter: unknown) {
    this.subscriptionFilter = toJsonValue(filter);
    return '';
  },
  setSubscriptionInvalidationFilter(this: Invocation, filter: unknown) {
    this.subscriptionInvalidationFilter = toJsonValue(filter);
    return '';
  },
  invalidateSubscriptions(this: Invocation, invalidation: unknown) {
    this.invalidations.push(toJsonValue(invalidation));
    return '';
  },
  evictFromApiCache(this: Invocation, typeName: unknown, fieldName: unknown, keys: unknown) {
    this.cacheEvictions.push({ typeName, fieldName, keys: toJsonValue(keys) });
    return '';
  },
});
