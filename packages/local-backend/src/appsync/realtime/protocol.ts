/**
 * The AppSync real-time protocol (`graphql-ws` flavour AppSync speaks, not the
 * graphql-ws library's `graphql-transport-ws`), message by message.
 */
import { isObject } from '../../shared/values';

/** The one subprotocol AppSync accepts; the server must echo it or browsers fail the handshake. */
export const graphqlWsProtocol = 'graphql-ws';

/** Messages a client sends. */
export const ClientMessageType = {
  ConnectionInit: 'connection_init',
  Start: 'start',
  Stop: 'stop',
} as const;

/** Messages the server sends. */
const ServerMessageType = {
  ConnectionAck: 'connection_ack',
  ConnectionError: 'connection_error',
  KeepAlive: 'ka',
  StartAck: 'start_ack',
  Data: 'data',
  Error: 'error',
  Complete: 'complete',
} as const;

/** Close codes, in the ranges graphql-ws uses, each with the reason sent alongside. */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  ConnectionInitTimeout: 4408,
  TooManyInitialisationRequests: 4429,
} as const;

/** AppSync's documented limits and timings. */
export const RealtimeLimits = {
  subscriptionsPerConnection: 100,
  payloadBytes: 240 * 1024,
  /** Announced in `connection_ack`: the client drops the connection after this long without a `ka`. */
  connectionTimeoutMs: 300_000,
  /** AppSync sends `ka` about once a minute; the client alerts after 65 s without one. */
  keepAliveIntervalMs: 60_000,
  /** How long a socket may stay open without `connection_init` (the client itself gives up after 15 s). */
  connectionInitTimeoutMs: 15_000,
} as const;

export interface ProtocolError {
  errorType: string;
  message: string;
  /** Only on `connection_error`: 400/401/403 tell the client not to retry. */
  errorCode?: number;
}

export type ClientMessage =
  | { type: typeof ClientMessageType.ConnectionInit }
  | { type: typeof ClientMessageType.Start; id: string; payload: unknown }
  | { type: typeof ClientMessageType.Stop; id: string }
  | { type: 'unknown'; id: string | undefined; name: string };

/** A frame that is not a protocol message at all; the connection is closed with this reason. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/**
 * Reads one client frame. Throws MalformedMessageError for anything that is not a JSON
 * object with a string `type` (and a string `id` where the type needs one).
 */
export function parseClientMessage(frame: string): ClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    throw new MalformedMessageError('Invalid message: not JSON');
  }
  if (!isObject(json)) throw new MalformedMessageError('Invalid message: not a JSON object');
  const { type, id } = json;
  if (typeof type !== 'string') throw new MalformedMessageError('Invalid message: "type" must be a string');
  if (id !== undefined && typeof id !== 'string') throw new MalformedMessageError('Invalid message: "id" must be a string');
  switch (type) {
    case ClientMessageType.ConnectionInit:
      return { type };
    case ClientMessageType.Start:
    case ClientMessageType.Stop:
      if (!id) throw new MalformedMessageError(`Invalid message: "${type}" needs a non-empty "id"`);
      return type === ClientMessageType.Start ? { type, id, payload: json['payload'] } : { type, id };
    default:
      return { type: 'unknown', id, name: type };
  }
}

export const serverMessages = {
  connectionAck: () => JSON.stringify({ type: ServerMessageType.ConnectionAck, payload: { connectionTimeoutMs: RealtimeLimits.connectionTimeoutMs } }),
  connectionError: (error: ProtocolError) => JSON.stringify({ type: ServerMessageType.ConnectionError, payload: { errors: [error] } }),
  keepAlive: () => JSON.stringify({ type: ServerMessageType.KeepAlive }),
  startAck: (id: string) => JSON.stringify({ type: ServerMessageType.StartAck, id }),
  complete: (id: string) => JSON.stringify({ type: ServerMessageType.Complete, id }),
  error: (id: string | undefined, errors: readonly ProtocolError[]) =>
    JSON.stringify({ type: ServerMessageType.Error, ...(id === undefined ? {} : { id }), payload: { errors } }),
  /** `payloadJson` is the already serialized `{data, errors?}` shared by every subscriber it goes to. */
  data: (id: string, payloadJson: string) => `{"type":"${ServerMessageType.Data}","id":${JSON.stringify(id)},"payload":${payloadJson}}`,
};
