import { CONNECTION_STATE_CHANGE } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import type { ConnectionStateName, LinkEvent } from './link-status';

// CONTROL_MSG.SUBSCRIPTION_ACK of @aws-amplify/api-graphql, which aws-amplify does not re-export:
// dispatched on the `api` channel each time AppSync acknowledges a subscription's `start`.
const SUBSCRIPTION_ACK = 'Subscription ack';
const FIRST_SUBSCRIPTION_FIELD = /^\s*subscription\b[^{]*\{\s*(\w+)/;

/** Listens to the real-time events the Amplify client reports on the Hub `api` channel. */
export function listenToRealtime(onEvent: (event: LinkEvent) => void): () => void {
  return Hub.listen('api', ({ payload }) => {
    const data = payload.data as { connectionState?: ConnectionStateName; query?: unknown } | undefined;
    if (payload.event === CONNECTION_STATE_CHANGE && data?.connectionState) {
      onEvent({ type: 'connection', state: data.connectionState });
    } else if (payload.event === SUBSCRIPTION_ACK && typeof data?.query === 'string') {
      const field = FIRST_SUBSCRIPTION_FIELD.exec(data.query)?.[1];
      if (field) onEvent({ type: 'subscription-ack', field });
    }
  });
}
