/**
 * The floor bench:realtime compares the backend with: a bare `ws` server in a child process
 * that speaks just enough of AppSync's real-time protocol for the benchmark's clients
 * (`connection_ack`, `start_ack`) and, for each `createResult` posted to it over HTTP,
 * answers the POST and broadcasts the `data` frame the backend would send to every subscription. It checks no signature and evaluates no filter: what it costs is the socket work alone.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { childMemory, replyTo, type Memory } from './child-backend';

export interface WsFloor {
  dataUrl: string;
  realtimeUrl: string;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<{ query?: string; variables?: { input?: Record<string, unknown> } }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query?: string; variables?: { input?: Record<string, unknown> } };
}

async function serve(): Promise<void> {
  const subscriptions = new Map<WebSocket, string>();
  const server = createServer((req, res) => {
    void readJson(req).then(({ query, variables }) => {
      const input = variables?.input ?? {};
      const now = new Date().toISOString();
      const item = { id: randomUUID(), ...input, owner: null, createdAt: now, updatedAt: now };
      const isResult = query?.includes('createResult') ?? false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { [isResult ? 'createResult' : 'createExam']: { ...item, __typename: 'Result' } } }));
      if (!isResult) return;
      // As the backend's subscription hub does: the frames go out on the next turn, after the answer.
      const payload = JSON.stringify({ data: { onCreateResult: { ...item, __typename: 'Result' } } });
      setImmediate(() => {
        for (const [socket, id] of subscriptions) socket.send(`{"id":${JSON.stringify(id)},"type":"data","payload":${payload}}`);
      });
    });
  });
  const sockets = new WebSocketServer({ server, path: '/graphql/realtime', handleProtocols: () => 'graphql-ws' });
  sockets.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string };
      if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } }));
      else if (message.type === 'start' && message.id) {
        subscriptions.set(socket, message.id);
        socket.send(JSON.stringify({ type: 'start_ack', id: message.id }));
      }
    });
    socket.on('close', () => subscriptions.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  process.on('message', (message) => {
    if (message === 'memory') process.send?.({ type: 'memory', ...childMemory() });
    else if (message === 'stop') {
      sockets.close();
      server.close(() => process.exit(0));
      server.closeAllConnections();
    }
  });
  process.send?.({ type: 'ready', port });
}

/** Starts the floor in a child process with a GC it can force. */
export async function startWsFloor(): Promise<WsFloor> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx', '--expose-gc'] });
  const { port } = await replyTo<{ type: 'ready'; port: number }>(child, 'ready');
  return {
    dataUrl: `http://127.0.0.1:${port}/graphql`,
    realtimeUrl: `ws://127.0.0.1:${port}/graphql/realtime`,
    memory: () => replyTo<{ type: 'memory' } & Memory>(child, 'memory', 'memory'),
    async stop() {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}

if (process.argv[2] === 'serve') await serve();
