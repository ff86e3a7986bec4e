import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestObservers } from '../../shared/observers';
import type { GraphqlApi } from '../graphql-api';
import type { UpgradeHandler } from '../../shared/server';
import { serveConnection } from './connection';
import { CloseCode, graphqlWsProtocol, RealtimeLimits } from './protocol';
import { requestedProtocols, speaksGraphqlWs } from './subprotocols';
import { readSubscriptionCatalog } from './subscription-catalog';
import { createSubscriptionHub } from './subscription-hub';

export interface RealtimeOptions {
  /** How often `ka` is sent. AppSync: about every 60 s (the default). */
  keepAliveIntervalMs?: number;
  /** How long a socket may wait before `connection_init`. Default 15 s. */
  connectionInitTimeoutMs?: number;
}

export interface RealtimeEndpoint {
  /** Accepts the WebSocket upgrade at `<data path>/realtime`. */
  handleUpgrade: UpgradeHandler;
  /** Open connections and the subscriptions started on them. */
  stats(): { connections: number; subscriptions: number };
  /** Closes every connection (1001, so clients reconnect later) and stops listening to mutations. */
  close(): Promise<void>;
}

// Frames above AppSync's payload limit are answered with an error; far larger ones are cut off by ws.
const maxFrameBytes = 4 * RealtimeLimits.payloadBytes;
// How long a closing client gets to answer the close frame before its socket is destroyed.
const closeGraceMs = 1000;

function refuseUpgrade(socket: Duplex, status: string, message: string, errorType = 'BadRequestException'): void {
  const body = JSON.stringify({ errors: [{ errorType, message }] });
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/**
 * AppSync's real-time endpoint for `api`, speaking the
 * protocol the unmodified Amplify v6 client uses. `dataPath` is the path of the HTTP
 * GraphQL endpoint (`/graphql`): clients sign `<dataPath>/connect` and `<dataPath>`.
 */
export function createRealtimeEndpoint(
  api: GraphqlApi,
  options: RealtimeOptions & { dataPath: string; log(line: string): void; observe?: RequestObservers['subscriptionStart'] | undefined },
): RealtimeEndpoint {
  const catalog = readSubscriptionCatalog(api.schema);
  const hub = createSubscriptionHub({ schema: api.schema, catalog, log: options.log });
  const stopListening = api.onMutation((event) => hub.publish(event));
  const wss = new WebSocketServer({ noServer: true, handleProtocols: () => graphqlWsProtocol, maxPayload: maxFrameBytes });
  const connections = new Map<WebSocket, (code: number, reason: string) => void>();
  const deps = {
    api,
    catalog,
    hub,
    dataPath: options.dataPath,
    log: options.log,
    observe: options.observe,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? RealtimeLimits.keepAliveIntervalMs,
    connectionInitTimeoutMs: options.connectionInitTimeoutMs ?? RealtimeLimits.connectionInitTimeoutMs,
  };

  // An upgrade while close() waits on the open connections would add one it no longer sees, and the
  // HTTP server's close would then wait for that socket for ever (it tracks no upgraded socket).
  let closing = false;

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closing) {
      refuseUpgrade(socket, '503 Service Unavailable', 'The server is shutting down.', 'ServiceUnavailableException');
      return;
    }
    if (!speaksGraphqlWs(requestedProtocols(req.headers['sec-websocket-protocol']))) {
      refuseUpgrade(socket, '400 Bad Request', `The WebSocket subprotocol "${graphqlWsProtocol}" is required`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.set(ws, serveConnection(ws, req, deps));
      ws.once('close', () => connections.delete(ws));
    });
  }

  return {
    handleUpgrade,
    stats: () => ({ connections: connections.size, subscriptions: hub.size() }),
    async close() {
      closing = true;
      stopListening();
      await Promise.all(
        [...connections].map(([ws, close]) => {
          if (ws.readyState === ws.CLOSED) return undefined;
          return new Promise<void>((resolve) => {
            const destroy = setTimeout(() => ws.terminate(), closeGraceMs);
            ws.once('close', () => {
              clearTimeout(destroy);
              resolve();
            });
            close(CloseCode.GoingAway, 'Server shutting down');
          });
        }),
      );
      wss.close();
    },
  };
}
