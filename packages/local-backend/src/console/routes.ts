import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError, InvalidParameterException, SerializationException, UnknownOperationException } from '../shared/aws-errors';
import { HttpError, readBody, sendJson } from '../shared/http';
import { isObject } from '../shared/values';
import type { DataBrowser } from './data-browser';
import type { MonitorBus } from './monitor-bus';
import type { createConsoleGuard } from './request-guard';
import type { Teachers } from './teachers';

export interface ConsoleRouteDeps {
  guard: ReturnType<typeof createConsoleGuard>;
  teachers: Teachers;
  data: DataBrowser;
  monitor: MonitorBus;
  realtimeStats(): { connections: number; subscriptions: number };
  page: { html: string; contentSecurityPolicy: string };
}

export const apiPrefix = '/console/api';
const maxBodyBytes = 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: Buffer;
  try {
    body = await readBody(req, maxBodyBytes);
  } catch (error) {
    if (error instanceof HttpError) throw new SerializationException(error.message);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationException('Request body is not valid JSON');
  }
  if (!isObject(json)) throw new SerializationException('Request body must be a JSON object');
  return json;
}

function text(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw new InvalidParameterException(`${member} is required.`);
  return value;
}

function optionalText(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function limitOf(value: string | null): number {
  const limit = value === null ? 50 : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InvalidParameterException('limit must be an integer from 1 to 500.');
  return limit;
}

function sendError(res: ServerResponse, error: AwsServiceError): void {
  sendJson(res, error.status, { __type: error.name, message: error.message }, { 'x-amzn-errortype': error.name });
}

/** The monitor as a stream of server-sent events: what it holds, then each request and the open connections as they change. */
function streamEvents(req: IncomingMessage, res: ServerResponse, deps: ConsoleRouteDeps): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  let lastStats = '';
  const sendStats = () => {
    const stats = JSON.stringify(deps.realtimeStats());
    if (stats !== lastStats) res.write(`event: stats\ndata: ${stats}\n\n`);
    lastStats = stats;
  };
  for (const entry of deps.monitor.recent()) send('request', entry);
  sendStats();
  const stop = deps.monitor.subscribe((entry) => {
    send('request', entry);
    sendStats();
  });
  // Connections also close without a request to report; the stream checks once a second.
  const poll = setInterval(sendStats, 1000);
  req.on('close', () => {
    stop();
    clearInterval(poll);
  });
}

async function api(req: IncomingMessage, res: ServerResponse, url: URL, deps: ConsoleRouteDeps): Promise<void> {
  deps.guard.checkApi(req, url.searchParams.get('token'));
  const route = `${req.method ?? ''} ${url.pathname.slice(apiPrefix.length)}`;
  const { teachers, data } = deps;
  switch (route) {
    case 'GET /teachers':
      return sendJson(res, 200, { teachers: await teachers.list() });
    case 'POST /teachers/add': {
      const input = await readJson(req);
      return sendJson(res, 200, await teachers.add(text(input, 'email'), { name: optionalText(input, 'name'), password: optionalText(input, 'password') }));
    }
    case 'POST /teachers/reset': {
      const input = await readJson(req);
      return sendJson(res, 200, await teachers.reset(text(input, 'email'), optionalText(input, 'password')));
    }
    case 'POST /teachers/disable':
    case 'POST /teachers/enable':
    case 'POST /teachers/remove': {
      const email = text(await readJson(req), 'email');
      const action = route.slice(route.lastIndexOf('/') + 1) as 'disable' | 'enable' | 'remove';
      await teachers[action](email);
      return sendJson(res, 200, {});
    }
    case 'GET /models':
      return sendJson(res, 200, { models: data.models() });
    case 'GET /items':
      return sendJson(res, 200, data.items(url.searchParams.get('model') ?? '', {
        filter: url.searchParams.get('filter') ?? '',
        limit: limitOf(url.searchParams.get('limit')),
        after: url.searchParams.get('after') ?? undefined,
      }));
    case 'POST /items/update': {
      const input = await readJson(req);
      return sendJson(res, 200, { item: data.update(text(input, 'model'), input['key'], input['item']) });
    }
    case 'POST /items/delete': {
      const input = await readJson(req);
      return sendJson(res, 200, { item: data.remove(text(input, 'model'), input['key']) });
    }
    case 'GET /monitor':
      return sendJson(res, 200, { requests: deps.monitor.recent(), ...deps.realtimeStats() });
    case 'GET /events':
      return streamEvents(req, res, deps);
    default:
      throw new UnknownOperationException(`The console has no ${route}.`);
  }
}

/** `GET /` (the page) and `/console/api/...`; any other path is answered as the server answers an unknown route. */
export function createConsoleHandler(deps: ConsoleRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The server lets loopback pages read its answers (CORS); the console's are for its own page alone.
    res.removeHeader('access-control-allow-origin');
    res.removeHeader('access-control-expose-headers');
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new UnknownOperationException('The console page is read with GET.');
        deps.guard.checkPage(req);
        const page = Buffer.from(deps.page.html);
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': String(page.length),
          'cache-control': 'no-store',
          'content-security-policy': deps.page.contentSecurityPolicy,
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
        });
        res.end(req.method === 'HEAD' ? undefined : page);
        return;
      }
      if (url.pathname.startsWith(`${apiPrefix}/`)) {
        await api(req, res, url, deps);
        return;
      }
      sendJson(res, 404, { message: `No route for ${url.pathname}` });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      if (!res.headersSent) sendError(res, error);
    }
  };
}
