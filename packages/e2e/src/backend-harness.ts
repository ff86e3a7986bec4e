/**
 * The local backend for the browser tests, with a small control API on another
 * port so that tests can add teachers, read the backend's log (reset codes are
 * written there) and stop and start the backend on the same port and data.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@exam-results/local-backend';
import { ManualClock } from '@exam-results/local-backend/testing';
import { e2eDataDir, e2eOutputsPath, e2ePorts } from './environment';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const logLines: string[] = [];
const log = (line: string) => {
  logLines.push(line);
  console.log(line);
};

let backend: LocalBackend | undefined;
// Real time unless a test moves it on (a release time), so that no test waits for the clock.
const clock = new ManualClock();

async function start(reset: boolean): Promise<void> {
  backend = await startLocalBackend({ port: e2ePorts.backend, dataDir: e2eDataDir, outputsFile: e2eOutputsPath, reset, log, clock });
}

async function stop(): Promise<void> {
  await backend?.stop();
  backend = undefined;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const where = `${req.method} ${req.url}`;
  if (where === 'GET /health') return reply(res, backend ? 200 : 503, { running: Boolean(backend) });
  if (where === 'GET /log') return reply(res, 200, { lines: logLines });
  if (where === 'POST /backend/stop') {
    await stop();
    return reply(res, 200, { running: false });
  }
  if (where === 'POST /backend/start') {
    await start(false);
    return reply(res, 200, { running: true });
  }
  if (where === 'POST /clock/advance') {
    const { ms } = await readJson(req);
    if (typeof ms !== 'number') return reply(res, 400, { message: 'ms is required' });
    clock.advance(ms);
    return reply(res, 200, { now: clock.now().toISOString() });
  }
  if (where === 'POST /clock/reset') {
    clock.reset();
    return reply(res, 200, { now: clock.now().toISOString() });
  }
  if (where === 'POST /teachers') {
    const { email, name } = await readJson(req);
    if (typeof email !== 'string') return reply(res, 400, { message: 'email is required' });
    // Through the CLI a developer uses (`pnpm teacher add`), not a shortcut around it.
    const { stdout } = await run('pnpm', ['exec', 'tsx', 'src/cli.ts', 'teacher', 'add', email, '--data-dir', e2eDataDir, ...(typeof name === 'string' ? ['--name', name] : [])], {
      cwd: path.join(repoRoot, 'packages/local-backend'),
    });
    const temporaryPassword = /^Temporary password: (\S+)$/m.exec(stdout)?.[1];
    if (!temporaryPassword) return reply(res, 500, { message: `the CLI printed no temporary password: ${stdout}` });
    return reply(res, 200, { email, temporaryPassword });
  }
  return reply(res, 404, { message: `no route ${where}` });
}

mkdirSync(path.dirname(e2eOutputsPath), { recursive: true });
await start(true);
createServer((req, res) => {
  route(req, res).catch((error: unknown) => reply(res, 500, { message: error instanceof Error ? error.message : String(error) }));
}).listen(e2ePorts.control, '127.0.0.1', () => log(`e2e control API on http://127.0.0.1:${e2ePorts.control}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stop().finally(() => process.exit(0)));
}
