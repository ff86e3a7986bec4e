import { CONNECTION_STATE_CHANGE } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import type { ConnectionStateName, LinkEvent } from './link-status';

// CONTROL_MSG.SUBSCRIPTION_ACK of @aws-amplify/api-graphql, which aws-amplify does not re-export:
// dispatched on the `api` channel each time AppSync acknowledges a subscription's `start`.
const SUBSCRIPTION_ACK = 'Subscription ack';
const FIRST_SUBSCRIPTION_FIELD = /^\s*subscription\b[^{]*\{\s*(\w+)/;

// The states in which the client means to reconnect by itself (not `Disconnected`, where it gave up on purpose).
const RECONNECTING = new Set<string>(['ConnectionDisrupted', 'ConnectionDisruptedPendingNetwork']);

/**
 * How long to wait before each `resubscribe` in a row while the socket is lost; the last repeats.
 * Amplify's own reconnection (api-graphql 4: a first try 5 s after the loss, a burst of tries
 * backing off to 3.2 s apart, then one a minute) leaves a page up to a minute behind its backend; a
 * subscription started while its socket is closed opens a new one at once, as the guest client's
 * short steady retries do.
 */
const RESUBSCRIBE_DELAYS_MS: readonly number[] = [250, 500, 1000];

interface BrowserEvents {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  document?: { visibilityState?: string };
}

/**
 * Listens to the real-time events the Amplify client reports on the Hub `api` channel and, while
 * its socket is lost, asks for a `resubscribe` on short steady delays, and at once when the
 * browser is back online or the page visible again.
 */
export function listenToRealtime(onEvent: (event: LinkEvent) => void): () => void {
  const browser = (globalThis as { window?: BrowserEvents }).window;
  let lost = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    const delay = RESUBSCRIBE_DELAYS_MS[Math.min(attempt, RESUBSCRIBE_DELAYS_MS.length - 1)] ?? 1000;
    attempt++;
    timer = setTimeout(resubscribe, delay);
  };
  const resubscribe = () => {
    if (!lost) return;
    onEvent({ type: 'resubscribe' });
    schedule();
  };
  const wake = () => {
    if (!lost || browser?.document?.visibilityState === 'hidden') return;
    attempt = 0;
    resubscribe();
  };

  const stopHub = Hub.listen('api', ({ payload }) => {
    const data = payload.data as { connectionState?: ConnectionStateName; query?: unknown } | undefined;
    if (payload.event === CONNECTION_STATE_CHANGE && data?.connectionState) {
      const state = data.connectionState;
      onEvent({ type: 'connection', state });
      if (RECONNECTING.has(state) && !lost) {
        lost = true;
        attempt = 0;
        schedule();
      } else if (!RECONNECTING.has(state) && state !== 'Connecting') {
        lost = false;
        clearTimeout(timer);
      }
    } else if (payload.event === SUBSCRIPTION_ACK && typeof data?.query === 'string') {
      const field = FIRST_SUBSCRIPTION_FIELD.exec(data.query)?.[1];
      if (field) onEvent({ type: 'subscription-ack', field });
    }
  });
  browser?.addEventListener('online', wake);
  browser?.addEventListener('visibilitychange', wake);
  return () => {
    stopHub();
    clearTimeout(timer);
    browser?.removeEventListener('online', wake);
    browser?.removeEventListener('visibilitychange', wake);
  };
}
