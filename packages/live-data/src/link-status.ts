import type { ConnectionState } from 'aws-amplify/api';

/** What a reader should be told about a live list's connection. */
export type LinkStatus = 'connecting' | 'live' | 'reconnecting';

export type ConnectionStateName = `${ConnectionState}`;

/**
 * A real-time event as the client reports it on the Hub `api` channel; `resubscribe` asks the
 * list to start its subscriptions again, which makes a client that backs off reconnect now.
 */
export type LinkEvent =
  | { type: 'connection'; state: ConnectionStateName }
  | { type: 'subscription-ack'; field: string }
  | { type: 'resubscribe' };

export interface Link {
  status: LinkStatus;
  /** The subscription fields (e.g. `onCreateResult`) acknowledged since the socket was last lost. */
  acknowledged: ReadonlySet<string>;
}

export interface LinkStep {
  link: Link;
  /** True when the list has just become live again and must be re-listed to catch up. */
  resync: boolean;
}

// The socket is gone: every subscription must be started and acknowledged again.
const SOCKET_LOST = new Set<string>(['ConnectionDisrupted', 'ConnectionDisruptedPendingNetwork', 'Disconnected']);
// The socket is still open but in doubt (browser offline, keep-alive missed).
const SOCKET_IN_DOUBT = new Set<string>(['ConnectedPendingNetwork', 'ConnectedPendingKeepAlive']);

export function initialLink(): Link {
  return { status: 'connecting', acknowledged: new Set() };
}

/**
 * Folds one real-time event into the list's link. A list is live once each of its
 * subscriptions has been acknowledged on the current socket and the socket is not in
 * doubt; each time it becomes live (first time included, since the initial list may
 * have been read before the subscriptions started) it must resynchronise.
 */
export function nextLink(link: Link, event: LinkEvent, required: readonly string[]): LinkStep {
  const wasLive = link.status === 'live';
  if (event.type === 'resubscribe') return { link, resync: false };
  if (event.type === 'subscription-ack') {
    if (!required.includes(event.field)) return { link, resync: false };
    const acknowledged = new Set(link.acknowledged).add(event.field);
    const complete = required.every((field) => acknowledged.has(field));
    if (complete && !wasLive) return { link: { status: 'live', acknowledged }, resync: true };
    return { link: { status: link.status, acknowledged }, resync: false };
  }
  if (SOCKET_LOST.has(event.state)) {
    return { link: { status: link.status === 'connecting' ? 'connecting' : 'reconnecting', acknowledged: new Set() }, resync: false };
  }
  if (SOCKET_IN_DOUBT.has(event.state)) {
    return { link: { status: wasLive ? 'reconnecting' : link.status, acknowledged: link.acknowledged }, resync: false };
  }
  if (event.state === 'Connected' && !wasLive && required.every((field) => link.acknowledged.has(field))) {
    return { link: { status: 'live', acknowledged: link.acknowledged }, resync: true };
  }
  return { link, resync: false };
}
