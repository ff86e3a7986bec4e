import { isDeepStrictEqual } from 'node:util';
import type { GraphQLSchema } from 'graphql';
import type { MutationEvent } from '../context';
import { matchesSubscriptionFilter } from './enhanced-filter';
import { eventPayload } from './event-payload';
import type { SubscriptionCatalog } from './subscription-catalog';
import type { PreparedSubscription } from './subscription-start';
import { describeError } from '../../shared/values';

/** One started subscription on one connection. */
export interface Subscriber {
  readonly subscription: PreparedSubscription;
  /** `payloadJson` is the serialized `{data, errors?}` of the event, `payloadBytes` its UTF-8 size. */
  deliver(payloadJson: string, payloadBytes: number): void;
  /** Ends it from the server's side: a mutation's `extensions.invalidateSubscriptions` matched it. */
  invalidate(): void;
}

export interface SubscriptionHub {
  add(subscriber: Subscriber): void;
  remove(subscriber: Subscriber): void;
  /** Queues an event; subscribers get it in publication order, after the mutation has answered. */
  publish(event: MutationEvent): void;
  /** How many subscribers there are. */
  size(): number;
}

interface HubDeps {
  schema: GraphQLSchema;
  catalog: SubscriptionCatalog;
  log(line: string): void;
}

interface Payload {
  json: string;
  bytes: number;
}

function passes(subscription: PreparedSubscription, view: Record<string, unknown>): boolean {
  for (const [name, value] of Object.entries(subscription.argumentFilter)) {
    if (!isDeepStrictEqual(view[name], value)) return false;
  }
  return subscription.filter === undefined || matchesSubscriptionFilter(subscription.filter, view);
}

/**
 * Routes mutation events to the subscriptions their `@aws_subscribe` fields feed, filters
 * them on the mutation's answer (so what the mutation did not select, such as an owner, cannot
 * match), and gives each subscriber that answer through its own selection set. Subscribers
 * with the same document and variables share one payload.
 */
export function createSubscriptionHub(deps: HubDeps): SubscriptionHub {
  const byField = new Map<string, Set<Subscriber>>();
  const queue: MutationEvent[] = [];
  let draining = false;

  function payloadFor(subscription: PreparedSubscription, data: Record<string, unknown>): Payload {
    const { data: payload, errors } = eventPayload(deps.schema, subscription.document, subscription.operationName, subscription.variables, data);
    const json = JSON.stringify(errors.length > 0 ? { data: payload, errors } : { data: payload });
    return { json, bytes: Buffer.byteLength(json) };
  }

  function deliver(event: MutationEvent): void {
    const view = event.data;
    if (!view) return;
    for (const field of deps.catalog.byMutation.get(event.mutationField) ?? []) {
      const subscribers = byField.get(field.name);
      if (!subscribers || subscribers.size === 0) continue;
      const payloads = new Map<string, Payload>();
      for (const subscriber of subscribers) {
        try {
          const { subscription } = subscriber;
          if (!passes(subscription, view)) continue;
          let payload = payloads.get(subscription.executionKey);
          if (!payload) {
            payload = payloadFor(subscription, view);
            payloads.set(subscription.executionKey, payload);
          }
          subscriber.deliver(payload.json, payload.bytes);
        } catch (error) {
          deps.log(`realtime: delivery of ${event.mutationField} failed: ${describeError(error)}`);
        }
      }
    }
  }

  /**
   * `extensions.invalidateSubscriptions({ subscriptionField, payload })`: every subscription to
   * that field whose invalidation filter (`extensions.setSubscriptionInvalidationFilter`, the
   * enhanced filters' syntax) matches the payload is closed. A subscription without one stays.
   */
  function invalidate(invalidation: unknown): void {
    const { subscriptionField, payload } = (invalidation ?? {}) as { subscriptionField?: unknown; payload?: unknown };
    if (typeof subscriptionField !== 'string' || typeof payload !== 'object' || payload === null) {
      deps.log(`realtime: an invalidation needs a subscriptionField and a payload object: ${JSON.stringify(invalidation)}`);
      return;
    }
    for (const subscriber of [...(byField.get(subscriptionField) ?? [])]) {
      const filter = subscriber.subscription.invalidationFilter;
      if (filter !== undefined && matchesSubscriptionFilter(filter, payload as Record<string, unknown>)) subscriber.invalidate();
    }
  }

  function drain(): void {
    draining = false;
    for (let event = queue.shift(); event; event = queue.shift()) {
      deliver(event);
      for (const invalidation of event.invalidations) invalidate(invalidation);
    }
  }

  return {
    add(subscriber) {
      const name = subscriber.subscription.field.name;
      let subscribers = byField.get(name);
      if (!subscribers) {
        subscribers = new Set();
        byField.set(name, subscribers);
      }
      subscribers.add(subscriber);
    },
    remove(subscriber) {
      byField.get(subscriber.subscription.field.name)?.delete(subscriber);
    },
    size: () => [...byField.values()].reduce((total, subscribers) => total + subscribers.size, 0),
    publish(event) {
      queue.push(event);
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    },
  };
}
