import type { AwsCredentials } from './guest-credentials';
import { signAppSyncRequest } from './sign';

/**
 * AppSync's real-time protocol (graphql-ws over a WebSocket, IAM-signed connect and start), for
 * a guest page that must come back quickly: a lost socket is retried within a couple of seconds
 * whatever the length of the outage, at once when the browser says it is online or visible
 * again, and on demand (`reconnectNow`). The connection states are named as Amplify's client
 * names them, so the same live lists work on either.
 */

export type ConnectionState = 'Connecting' | 'Connected' | 'ConnectionDisrupted' | 'ConnectionDisruptedPendingNetwork' | 'Disconnected';

export type RealtimeEvent = { type: 'connection'; state: ConnectionState } | { type: 'subscription-ack'; field: string };

export interface SubscriptionHandlers {
  next(data: unknown): void;
  error(error: Error): void;
}

/** The part of the browser's WebSocket this client uses (`ws` in Node has it too). */
interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type WebSocketConstructor = new (url: string, protocols: string[]) => WebSocketLike;

export interface RealtimeOptions {
  /** The GraphQL endpoint (`data.url` of amplify_outputs.json). */
  url: string;
  region: string;
  credentials(): Promise<AwsCredentials>;
  WebSocket: WebSocketConstructor;
  /** Waits before each reconnection attempt in a row; the last repeats. */
  retryDelaysMs?: readonly number[];
  /** `window` in a browser: its online, offline and visibility events cut waits short. */
  environment?: { addEventListener(type: string, listener: () => void): void; removeEventListener(type: string, listener: () => void): void; navigator?: { onLine?: boolean }; document?: { visibilityState?: string } } | undefined;
}

/** A subscription AppSync refused (`error` for its `start`). */
export class SubscriptionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionError';
  }
}

interface Subscription {
  field: string;
  data: string;
  handlers: SubscriptionHandlers;
  /** The id of its current `start`, on the current socket. */
  startId: string | undefined;
  /** The socket its `start` went to, or is being signed for: one `start` per socket (AppSync refuses a second with DuplicatedOperationError). */
  startedOn: WebSocketLike | undefined;
}

// Short and steady whatever the outage length, so a page is back within a couple of seconds of its backend.
const defaultRetryDelaysMs = [250, 500, 1000];
const OPEN = 1;

/** `wss://…appsync-realtime-api…/graphql` for AppSync's own domains, `<url>/realtime` for any other. */
export function realtimeUrl(url: string): string {
  const parsed = new URL(url);
  if (/\.appsync-api\./.test(parsed.hostname)) {
    parsed.hostname = parsed.hostname.replace('.appsync-api.', '.appsync-realtime-api.');
  } else {
    parsed.pathname = `${parsed.pathname.replace(/\/$/, '')}/realtime`;
  }
  parsed.protocol = parsed.protocol === 'http:' ? 'ws:' : 'wss:';
  return parsed.toString();
}

const realtimeHeaders = { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' };

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function createRealtimeClient(options: RealtimeOptions) {
  const delays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const subscriptions = new Map<number, Subscription>();
  const listeners = new Set<(event: RealtimeEvent) => void>();
  let socket: WebSocketLike | undefined;
  let state: ConnectionState = 'Disconnected';
  let everConnected = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let keepAliveTimer: ReturnType<typeof setTimeout> | undefined;
  let nextSubscriptionId = 1;
  let socketSerial = 0;
  let connecting = false;
  let closed = false;

  const emit = (event: RealtimeEvent) => {
    for (const listener of listeners) listener(event);
  };
  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    emit({ type: 'connection', state });
  };
  const offline = () => options.environment?.navigator?.onLine === false;

  async function signed(path: string, body: string): Promise<Record<string, string>> {
    const url = `${options.url.replace(/\/$/, '')}${path}`;
    return signAppSyncRequest(await options.credentials(), options.region, url, realtimeHeaders, body);
  }

  async function sendStart(socketNow: WebSocketLike, id: number, subscription: Subscription): Promise<void> {
    // A listener of the Connected state may subscribe at once: the new subscription starts itself and is in the map
    // the acknowledgement then goes through.
    if (subscription.startedOn === socketNow) return;
    subscription.startedOn = socketNow;
    const authorization = await signed('', subscription.data);
    if (socket !== socketNow || socketNow.readyState !== OPEN || !subscriptions.has(id)) return;
    subscription.startId = `${socketSerial}-${id}`;
    socketNow.send(JSON.stringify({ id: subscription.startId, type: 'start', payload: { data: subscription.data, extensions: { authorization } } }));
  }

  function subscriptionFor(startId: unknown): [number, Subscription] | undefined {
    for (const entry of subscriptions) if (entry[1].startId === startId) return entry;
    return undefined;
  }

  function lost(): void {
    clearTimeout(keepAliveTimer);
    socket = undefined;
    for (const subscription of subscriptions.values()) subscription.startId = undefined;
    if (closed || subscriptions.size === 0) {
      setState('Disconnected');
      return;
    }
    setState(offline() ? 'ConnectionDisruptedPendingNetwork' : everConnected ? 'ConnectionDisrupted' : 'Connecting');
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    clearTimeout(retryTimer);
    if (offline()) return;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
    attempt++;
    // A little jitter, so a classroom of pages does not reconnect in the same millisecond.
    retryTimer = setTimeout(() => void connect(), delay * (0.8 + Math.random() * 0.4));
  }

  function armKeepAlive(timeoutMs: number): void {
    clearTimeout(keepAliveTimer);
    keepAliveTimer = setTimeout(() => socket?.close(4000, 'keep-alive missed'), timeoutMs);
  }

  async function connect(): Promise<void> {
    clearTimeout(retryTimer);
    if (closed || socket || connecting || subscriptions.size === 0) return;
    connecting = true;
    if (!everConnected) setState('Connecting');
    let protocols: string[];
    try {
      const headers = await signed('/connect', '{}');
      protocols = ['graphql-ws', `header-${base64Url(JSON.stringify(headers))}`];
    } catch {
      // No credentials now (the identity pool is unreachable): try again like a lost socket.
      connecting = false;
      lost();
      return;
    }
    connecting = false;
    if (closed || socket) return;
    const ws = new options.WebSocket(realtimeUrl(options.url), protocols);
    socket = ws;
    socketSerial++;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket === ws) lost();
    };
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      let message: { type?: string; id?: string; payload?: { connectionTimeoutMs?: number; data?: unknown; errors?: { errorType?: string; message?: string }[] } };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      switch (message.type) {
        case 'connection_ack':
          attempt = 0;
          everConnected = true;
          armKeepAlive(message.payload?.connectionTimeoutMs ?? 300_000);
          setState('Connected');
          for (const [id, subscription] of subscriptions) void sendStart(ws, id, subscription);
          break;
        case 'ka':
          armKeepAlive(message.payload?.connectionTimeoutMs ?? 300_000);
          break;
        case 'start_ack': {
          const found = subscriptionFor(message.id);
          if (found) emit({ type: 'subscription-ack', field: found[1].field });
          break;
        }
        case 'data':
          subscriptionFor(message.id)?.[1].handlers.next(message.payload?.data);
          break;
        case 'error': {
          const found = subscriptionFor(message.id);
          const [first] = message.payload?.errors ?? [];
          if (found) {
            subscriptions.delete(found[0]);
            found[1].handlers.error(new SubscriptionError(first?.errorType ?? 'Error', first?.message ?? 'The subscription was refused'));
          }
          break;
        }
        case 'complete': {
          // Unasked for (a stopped subscription is forgotten first): AppSync ended it, as it does
          // when a mutation invalidates it (extensions.invalidateSubscriptions).
          const found = subscriptionFor(message.id);
          if (found) {
            subscriptions.delete(found[0]);
            found[1].handlers.error(new SubscriptionError('SubscriptionEnded', 'The server ended this subscription'));
          }
          break;
        }
        case 'connection_error':
          ws.close(4400, 'connection refused');
          break;
        default:
          break;
      }
    };
  }

  const wake = () => {
    if (closed || socket || connecting || subscriptions.size === 0) return;
    attempt = 0;
    void connect();
  };
  const wentOffline = () => {
    if (socket) socket.close(4001, 'offline');
    else if (state !== 'Disconnected') setState('ConnectionDisruptedPendingNetwork');
  };
  const becameVisible = () => {
    if (options.environment?.document?.visibilityState !== 'hidden') wake();
  };
  options.environment?.addEventListener('online', wake);
  options.environment?.addEventListener('offline', wentOffline);
  options.environment?.addEventListener('visibilitychange', becameVisible);

  return {
    get state(): ConnectionState {
      return state;
    },
    onEvent(listener: (event: RealtimeEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Starts a subscription (`field` is its root field, e.g. `onCreateResult`); returns the function that stops it. */
    subscribe(field: string, query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers): () => void {
      const id = nextSubscriptionId++;
      const subscription: Subscription = { field, data: JSON.stringify({ query, variables }), handlers, startId: undefined, startedOn: undefined };
      subscriptions.set(id, subscription);
      if (socket && state === 'Connected') void sendStart(socket, id, subscription);
      else void connect();
      return () => {
        const startId = subscription.startId;
        if (!subscriptions.delete(id)) return;
        if (socket?.readyState === OPEN && startId) socket.send(JSON.stringify({ id: startId, type: 'stop' }));
        if (subscriptions.size === 0) socket?.close(1000, 'no subscriptions');
      };
    },
    /** Tries again now instead of at the next retry (a "Retry now" button). */
    reconnectNow: wake,
    close(): void {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(keepAliveTimer);
      options.environment?.removeEventListener('online', wake);
      options.environment?.removeEventListener('offline', wentOffline);
      options.environment?.removeEventListener('visibilitychange', becameVisible);
      socket?.close(1000, 'closed');
      socket = undefined;
      subscriptions.clear();
      setState('Disconnected');
    },
  };
}

export type RealtimeClient = ReturnType<typeof createRealtimeClient>;
