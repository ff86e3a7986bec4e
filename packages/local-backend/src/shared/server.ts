import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHostRule } from './host-rule';
import { answerPreflight, applyCors, HttpError, sendJson } from './http';
import { describeError } from './values';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

interface Mounted<T> {
  prefix: string;
  handler: T;
}

interface LocalServer {
  server: Server;
  /** Serves every path equal to `prefix` or below it (`prefix/...`); the longest prefix wins. */
  mount(prefix: string, handler: HttpHandler): void;
  /** Accepts WebSocket upgrades at exactly `path`. */
  mountUpgrade(path: string, handler: UpgradeHandler): void;
}

function matches(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** The request's path, or undefined when its target is not a URL at all. */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

const forbidden = 'ForbiddenException';

function refusedHost(host: string | undefined): string {
  return `This backend does not serve the host ${JSON.stringify(host ?? '')}: only loopback names and the hosts it is started with.`;
}

/**
 * One HTTP server for every emulated service. The Host rule (see host-rule.ts), CORS and
 * preflight are applied here for all routes; a handler that throws gets a 500 and the
 * server keeps serving. `allowedHosts`: names served beside the loopback ones.
 */
export function createLocalServer(log: (line: string) => void, allowedHosts: readonly string[] = []): LocalServer {
  const routes: Mounted<HttpHandler>[] = [];
  const upgrades: Mounted<UpgradeHandler>[] = [];
  const rule = createHostRule(allowedHosts);

  const server = createServer((req, res) => {
    if (!rule.servesHost(req.headers.host)) {
      sendJson(res, 403, { message: refusedHost(req.headers.host) }, { 'x-amzn-errortype': forbidden });
      return;
    }
    applyCors(req, res, rule);
    if (answerPreflight(req, res, rule)) return;
    const path = pathOf(req);
    if (path === undefined) {
      sendJson(res, 400, { message: 'The request target is not a valid URL.' });
      return;
    }
    const route = routes.find((candidate) => matches(path, candidate.prefix));
    if (!route) {
      sendJson(res, 404, { message: `No route for ${path}` });
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          if (!res.headersSent) sendJson(res, error.status, { message: error.message });
          return;
        }
        log(`internal error on ${req.method} ${path}: ${describeError(error)}`);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
        else res.destroy();
      });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { host, origin } = req.headers;
    if (!rule.servesHost(host) || (origin !== undefined && !rule.allowsOrigin(origin))) {
      const message = rule.servesHost(host) ? `Connections from ${JSON.stringify(origin)} are not allowed.` : refusedHost(host);
      const body = JSON.stringify({ errors: [{ errorType: forbidden, message }] });
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    const path = pathOf(req);
    if (path === undefined) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upgrade = upgrades.find((candidate) => candidate.prefix === path);
    if (!upgrade) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    try {
      upgrade.handler(req, socket, head);
    } catch (error) {
      log(`internal error on upgrade ${path}: ${error instanceof Error ? error.message : String(error)}`);
      socket.destroy();
    }
  });

  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    mount(prefix, handler) {
      routes.push({ prefix, handler });
      routes.sort((a, b) => b.prefix.length - a.prefix.length);
    },
    mountUpgrade(path, handler) {
      upgrades.push({ prefix: path, handler });
    },
  };
}
