import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import type { Schema } from '@exam-results/amplify/data/resource';
import { signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { WebSocket } from 'ws';
import { assertPortFree } from './port-check';
import { repoRoot } from './workspace';

// The real Amplify client in Node reads the seeded data; Node 20 has no global WebSocket.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

// Inside the repository (gitignored): the apps' Turbopack alias only reads outputs from there.
const stateDir = path.join(repoRoot, '.local-backend', 'dev-test');
// A folder that does not exist yet: pnpm dev creates it.
const outputs = path.join(stateDir, 'not-yet', 'amplify_outputs.json');
const dataDir = path.join(stateDir, 'data');
after(() => rmSync(stateDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

/** `pnpm dev` on a fresh data directory (`--reset`), or, with `fresh: false`, on the one the last run left. */
function startDev(ports: { backend: number; teacher: number; student: number }, { fresh = true } = {}): { child: ChildProcess; output: () => string } {
  if (fresh) rmSync(stateDir, { recursive: true, force: true });
  const args = ['dev', ...(fresh ? ['--reset'] : []), '--data-dir', dataDir, '--outputs', outputs];
  for (const [name, port] of Object.entries(ports)) args.push(`--${name}-port`, String(port));
  // `pnpm dev` from the root, as a user types it, in its own process group as a terminal gives it,
  // so Ctrl-C can be sent the way a terminal sends it: to pnpm and everything under it.
  const child = spawn('pnpm', args, {
    cwd: repoRoot,
    env: { ...process.env, NEXT_DIST_DIR: '.next-dev-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
  return { child, output: () => output };
}

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopDev(dev: { child: ChildProcess }, exited: Promise<[number | null, NodeJS.Signals | null]>, ports: Record<string, number>) {
  if (dev.child.pid !== undefined && dev.child.exitCode === null) process.kill(-dev.child.pid, 'SIGINT');
  const [code, signal] = await exited;
  // Free the moment pnpm dev has exited, so starting it again straight away works.
  for (const [name, port] of Object.entries(ports)) await assertPortFree(port, `${name} after Ctrl-C`, name === 'backend' ? '127.0.0.1' : '0.0.0.0');
  assert.deepEqual({ code, signal }, { code: 0, signal: null }, 'Ctrl-C is a normal way to stop pnpm dev');
}

test('pnpm dev starts the backend, seeds it with amplify/seed/seed.ts on a first start only, starts both apps, restarts the backend when it dies; Ctrl-C stops all of it', async () => {
  const ports = { backend: await freePort(), teacher: await freePort(), student: await freePort() };
  const dev = startDev(ports);
  const exited = once(dev.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let password = '';
  try {
    await waitFor(() => dev.output().includes('Ctrl-C stops everything.') || dev.child.exitCode !== null, 'the URLs', 180_000);
    password = /sign in as demo\.teacher@example\.com \/ (\S+)/.exec(dev.output())?.[1] ?? '';
    assert.notEqual(password, '', 'the demo password is printed');
    assert.match(dev.output(), /seed +│ created the demo teacher demo\.teacher@example\.com/);
    assert.match(dev.output(), /seed +│ seeded the demo exam Mathematics: 6 results, graded in percent, pass mark 50%/);
    assert.doesNotMatch(dev.output(), /custom Amazon|NodeVersionSupportWarning/, 'no warnings the developer can do nothing about');
    for (const port of [ports.teacher, ports.student]) {
      const page = await fetch(`http://localhost:${port}/`);
      assert.equal(page.status, 200, `app on ${port}`);
    }

    configureAmplify(JSON.parse(readFileSync(outputs, 'utf8')) as AmplifyOutputsLike);
    const guest = generateClient<Schema>({ authMode: 'identityPool' });
    const { data: exams } = await guest.models.Exam.list();
    assert.deepEqual(exams.map((exam) => exam.subject), ['Mathematics']);
    const { data: results } = await guest.models.Result.list({ filter: { examId: { eq: exams[0]?.id ?? '' } } });
    assert.equal(results.length, 6);
    // The seeded teacher signs in with the printed password, through the real client.
    const { isSignedIn } = await signIn({ username: 'demo.teacher@example.com', password });
    assert.equal(isSignedIn, true);
    const { data: own } = await generateClient<Schema>({ authMode: 'userPool' }).models.Exam.list();
    assert.deepEqual(own.map((exam) => exam.teacher), ['Demo Teacher'], 'the demo exam is the demo teacher\'s');
    await signOut();
    assert.match(dev.output(), new RegExp(`add teachers: pnpm teacher add <email> --data-dir ${dataDir}`));

    // The backend dies as a crash kills it: the apps stay up, the backend comes back with the data.
    const { pid } = JSON.parse(readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await waitFor(() => dev.output().includes('the local backend is back') || dev.child.exitCode !== null, 'the backend restarted', 60_000);
    assert.match(dev.output(), /the local backend stopped \(killed by SIGKILL; its last line: .*\); the apps keep running; restarting it in 1 s/);
    for (const port of [ports.teacher, ports.student]) assert.equal((await fetch(`http://localhost:${port}/`)).status, 200, `app on ${port} after the crash`);
    const { data: again } = await guest.models.Exam.list();
    assert.deepEqual(again.map((exam) => exam.subject), ['Mathematics']);
  } finally {
    await stopDev(dev, exited, ports);
  }
  assert.doesNotMatch(dev.output(), /ERR_PNPM|ELIFECYCLE/);

  // A second start on the same data: the pool has its teacher, so nothing is seeded again.
  const second = startDev(ports, { fresh: false });
  const secondExited = once(second.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  try {
    await waitFor(() => second.output().includes('Ctrl-C stops everything.') || second.child.exitCode !== null, 'the URLs again', 180_000);
    assert.doesNotMatch(second.output(), /seed +│/);
    assert.ok(second.output().includes(`sign in as demo.teacher@example.com / ${password}`), 'the same demo password');
    const { data: exams } = await generateClient<Schema>({ authMode: 'identityPool' }).models.Exam.list();
    assert.equal(exams.length, 1);
  } finally {
    await stopDev(second, secondExited, ports);
  }
});

test('a port already in use is reported in a sentence', async () => {
  const busy = createServer().listen(0, '0.0.0.0');
  await once(busy, 'listening');
  const teacher = (busy.address() as AddressInfo).port;
  try {
    const dev = startDev({ backend: await freePort(), teacher, student: await freePort() });
    const [code] = (await once(dev.child, 'exit')) as [number];
    assert.equal(code, 1);
    assert.match(dev.output(), new RegExp(`Port ${teacher} is already in use, so the teacher app cannot start\\.`));
    assert.doesNotMatch(dev.output(), /^\s+at /m);
  } finally {
    busy.close();
  }
});

test('an outputs file outside the repository is refused before anything starts', () => {
  const outside = path.join(tmpdir(), 'amplify_outputs.json');
  const run = spawnSync('pnpm', ['dev', '--outputs', outside], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--outputs must be a file inside .*: the apps read it when they build/);
  assert.doesNotMatch(run.stdout + run.stderr, /local backend listening/);
});
