/**
 * Results day: one exam loaded 500 times in 60 s through the production student app, against a
 * local backend behind a small counting proxy, and what that cost the backend. Prints figures;
 * asserts nothing. `pnpm --filter @exam-results/student bench:results-day` (builds into .next-bench).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { signInUser, startTempBackend } from '@exam-results/local-backend/testing';

const VISITS = Number(process.env.VISITS ?? 500);
const SPREAD_MS = Number(process.env.SPREAD_MS ?? 60_000);
const appDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(appDir, '../..');
// Inside the repository (and gitignored): Turbopack reads the outputs alias only there.
const outputsFile = path.join(repoRoot, '.local-backend/bench/amplify_outputs.json');

const counts = { graphql: 0, GetId: 0, GetCredentialsForIdentity: 0, other: 0 };

/** Forwards every request to the backend, counting GraphQL reads and identity pool calls. */
function countingProxy(target: URL): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
    if (operation === 'GetId' || operation === 'GetCredentialsForIdentity') counts[operation]++;
    else if (req.method === 'POST' && req.url?.startsWith('/graphql')) counts.graphql++;
    else counts.other++;
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const backend = await startTempBackend({ prefix: 'results-day-' });
const teacher = await signInUser(backend, 'results.day@example.com');
const { data: exam } = await teacher.client.models.Exam.create({ subject: 'Results day', date: '2026-07-04', teacher: 'Ms Bench' });
if (!exam) throw new Error('could not create the exam');
for (let n = 1; n <= 30; n++) await teacher.client.models.Result.create({ examId: exam.id, student: `Student ${n}`, grade: `${n % 21}/20` });

const proxy = countingProxy(new URL(backend.dataUrl));
const proxyOrigin = `http://127.0.0.1:${await listen(proxy)}`;
const backendOrigin = new URL(backend.dataUrl).origin;
mkdirSync(path.dirname(outputsFile), { recursive: true });
writeFileSync(outputsFile, JSON.stringify(backend.outputs).replaceAll(backendOrigin, proxyOrigin));

const env = { ...process.env, AMPLIFY_OUTPUTS: outputsFile, NEXT_DIST_DIR: '.next-bench', NEXT_TELEMETRY_DISABLED: '1' };
console.log('building the student app against the counting proxy…');
execFileSync('pnpm', ['exec', 'next', 'build'], { cwd: appDir, env, stdio: 'ignore' });
const port = await freePort();
const app = spawn('pnpm', ['exec', 'next', 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: appDir, env, stdio: 'ignore', detached: true });
const url = `http://127.0.0.1:${port}/exams/${exam.id}`;
for (let attempt = 0; ; attempt++) {
  const up = await fetch(url).then((response) => response.ok, () => false);
  if (up) break;
  if (attempt > 300) throw new Error('the student app did not start');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const before = { ...counts };
const latencies: number[] = [];
let withRows = 0;
const started = Date.now();
await Promise.all(
  Array.from({ length: VISITS }, async (_, index) => {
    await new Promise((resolve) => setTimeout(resolve, (index * SPREAD_MS) / VISITS));
    const sent = performance.now();
    const html = await (await fetch(url)).text();
    latencies.push(performance.now() - sent);
    if (html.includes('Student 30')) withRows++;
  }),
);
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN).toFixed(0);

console.log(`${VISITS} loads of one exam in ${elapsed.toFixed(1)} s; ${withRows} had the results in their HTML`);
console.log(`backend GraphQL reads: ${counts.graphql - before.graphql}, GetId: ${counts.GetId - before.GetId}, GetCredentialsForIdentity: ${counts.GetCredentialsForIdentity - before.GetCredentialsForIdentity}`);
console.log(`(including the warm-up load: reads ${counts.graphql}, GetId ${counts.GetId}, GetCredentialsForIdentity ${counts.GetCredentialsForIdentity})`);
console.log(`HTML response time: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);

if (app.pid) process.kill(-app.pid, 'SIGTERM');
proxy.close();
await backend.stop();
process.exit(0);
