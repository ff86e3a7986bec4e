import { WebSocket } from 'ws';
import { Recording, waitFor } from './wait-for';

/**
 * A bare AppSync real-time client for tests and the benchmark: it speaks the wire
 * protocol directly, so tests can send what the Amplify client never would.
 */

export interface ServerMessage {
  type: string;
  id?: string;
  payload?: Record<string, unknown> & { errors?: { errorType: string; message: string; errorCode?: number }[] };
}

/** The `header-` subprotocol carrying connect-time authorization headers. */
export function headerSubprotocol(headers: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;
}

/** A `start` message as the Amplify client builds it. */
export function startMessage(id: string, data: string, authorization: Record<string, string>): string {
  return JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } });
}

/** An open real-time socket that records every server message and lets a test wait for the next ones. */
export class RawRealtimeClient {
  private readonly received = new Recording<ServerMessage>();
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.received.push(JSON.parse(String(data)) as ServerMessage));
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.received.changed();
    });
  }

  /** Opens a socket with the given subprotocols (default: `graphql-ws` and no auth header). */
  static open(realtimeUrl: string, protocols: string[] = ['graphql-ws']): Promise<RawRealtimeClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(realtimeUrl, protocols);
      socket.once('open', () => resolve(new RawRealtimeClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens, sends `connection_init` and waits for `connection_ack`. */
  static async connect(realtimeUrl: string, connectHeaders: Record<string, string>): Promise<RawRealtimeClient> {
    const client = await RawRealtimeClient.open(realtimeUrl, ['graphql-ws', headerSubprotocol(connectHeaders)]);
    client.send({ type: 'connection_init' });
    await client.next((message) => message.type === 'connection_ack');
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first recorded message matching `predicate`, removed from the record; waits up to `timeoutMs`. */
  async next(predicate: (message: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    const messages = await waitFor(
      this.received,
      (received) => received.some(predicate) || this.closed !== undefined,
      'a matching message',
      timeoutMs,
      (received) => JSON.stringify(received),
    );
    const index = messages.findIndex(predicate);
    const [found] = index >= 0 ? messages.splice(index, 1) : [];
    if (!found) throw new Error(`socket closed (${this.closed?.code} ${this.closed?.reason}) while waiting`);
    return found;
  }

  /** Resolves with the close code and reason once the server has closed the socket. */
  closedBy(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const closing = { read: () => this.closed, subscribe: (listener: () => void) => this.received.subscribe(listener) };
    return waitFor(closing, (closed) => closed !== undefined, 'the server to close the socket', timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}
