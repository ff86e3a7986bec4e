/**
 * `pnpm dev`: the local backend, seeded by amplify/seed/seed.ts on a first start (the demo
 * teacher and exam), and both apps, with prefixed logs. Ctrl-C stops all of it.
 * `pnpm dev --cloud`: only the apps, against the deployment `pnpm sandbox` wrote
 * amplify_outputs.json for.
 * `--reset` starts from an empty backend; `--import DIR` from a snapshot, `--export DIR`
 * writes one at exit; `--backend-port`, `--teacher-port`, `--student-port`, `--data-dir` and
 * `--outputs` move things out of each other's way. The backend reloads its API when amplify/
 * changes; a backend that dies is restarted with backoff while the apps keep running.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isLocalBackend, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { openUserPoolAdmin } from '@exam-results/local-backend';
import { keepBackendRunning } from './backend-keeper';
import { appEnvironment } from './app-env';
import { demoTeacherEmail, readDemoPassword } from './demo-teacher';
import { nodeVersionNote } from './node-version';
import { assertPortFree } from './port-check';
import { seedProcess } from './seed-run';
import { Supervisor, type Supervised } from './supervisor';
import { repoRoot } from './workspace';

const defaultDataDir = path.join(repoRoot, '.local-backend');

const optionsConfig = {
  reset: { type: 'boolean', default: false },
  cloud: { type: 'boolean', default: false },
  'backend-port': { type: 'string', default: '20002' },
  'teacher-port': { type: 'string', default: '3000' },
  'student-port': { type: 'string', default: '3001' },
  'data-dir': { type: 'string', default: defaultDataDir },
  outputs: { type: 'string', default: path.join(repoRoot, 'amplify_outputs.json') },
  import: { type: 'string' },
  export: { type: 'string' },
} as const;

function readOptions() {
  try {
    return parseArgs({ options: optionsConfig }).values;
  } catch (error) {
    console.error(`pnpm dev: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`Options: ${Object.keys(optionsConfig).map((name) => `--${name}`).join(', ')}`);
    process.exit(2);
  }
}

const options = readOptions();
const ports = { backend: Number(options['backend-port']), teacher: Number(options['teacher-port']), student: Number(options['student-port']) };
const fromCaller = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
const dataDir = fromCaller(options['data-dir']);
const outputsPath = fromCaller(options.outputs);
if (path.relative(repoRoot, outputsPath).startsWith('..')) {
  // Found before anything starts: otherwise the backend starts and seeds, and both apps then die on it.
  console.error(`pnpm dev: --outputs must be a file inside ${repoRoot}: the apps read it when they build, and Next.js reads no file outside the project.`);
  process.exit(2);
}
const { reset, cloud } = options;
const snapshotArgs = {
  import: options.import === undefined ? [] : ['--import', fromCaller(options.import)],
  export: options.export === undefined ? [] : ['--export', fromCaller(options.export)],
};

const supervisor = new Supervisor(['backend', 'seed', 'teacher', 'student', 'dev']);
let stopping = false;
const say = (line: string) => supervisor.log('dev', line);

async function waitForPort(port: number, exited: Promise<number>, what: string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the ${what} stopped before it was ready (see its log above)`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Node itself, not a `pnpm exec` wrapper, leads each supervised process group.
const tsxLoader = import.meta.resolve('tsx');
const nextBin = (app: string) => createRequire(path.join(repoRoot, 'apps', app, 'package.json')).resolve('next/dist/bin/next');

function readOutputs(): AmplifyOutputsLike {
  return JSON.parse(readFileSync(outputsPath, 'utf8')) as AmplifyOutputsLike;
}

let backendStarts = 0;
let backendLastLine: string | undefined;

/** Starts the backend; only its first start resets or imports, a restart serves the data as it was left. */
async function startBackend(): Promise<Supervised> {
  await assertPortFree(ports.backend, 'local backend');
  const initial = backendStarts === 0 ? [...(reset ? ['--reset'] : []), ...snapshotArgs.import] : [];
  backendStarts += 1;
  let backendReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (backendReady = resolve));
  const backend = supervisor.start(
    'backend',
    process.execPath,
    ['--import', tsxLoader, 'src/cli.ts', 'start', '--port', String(ports.backend), '--data-dir', dataDir, '--outputs', outputsPath, '--watch', ...initial, ...snapshotArgs.export],
    {
      cwd: path.join(repoRoot, 'packages/local-backend'),
      onLine: (line) => {
        backendLastLine = line;
        if (line.includes('local backend listening on')) backendReady();
      },
    },
  );
  await Promise.race([ready, backend.exited.then(() => Promise.reject(new Error('the local backend stopped before it was ready (see its log above)')))]);
  return backend;
}

/** A first start: nobody in the user pool yet (a fresh install, `--reset`, not an imported snapshot with users). */
async function userPoolIsEmpty(): Promise<boolean> {
  const admin = await openUserPoolAdmin({ dataDir, repoRoot });
  try {
    return admin.listUsers().length === 0;
  } finally {
    admin.close();
  }
}

/** Runs amplify/seed/seed.ts against the backend, as `pnpm seed` does, its log prefixed `seed`. */
async function seed(): Promise<void> {
  const run = seedProcess({ dataDir, outputsPath });
  const code = await supervisor.start('seed', run.command, run.args, { cwd: run.cwd, env: run.env }).exited;
  if (code !== 0) throw new Error(`amplify/seed/seed.ts failed with exit code ${code} (see its log above); after a fix, pnpm seed runs it again`);
}

function assertCloudOutputs(): void {
  if (!existsSync(outputsPath) || isLocalBackend(readOutputs())) {
    throw new Error(`--cloud needs the amplify_outputs.json that 'pnpm sandbox' writes for your AWS deployment; ${outputsPath} is ${existsSync(outputsPath) ? 'the local backend\'s' : 'missing'}.`);
  }
}

async function main(): Promise<void> {
  for (const [name, port] of Object.entries(ports)) {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--${name}-port must be a port number, not ${options[`${name as keyof typeof ports}-port`]}`);
  }
  const note = nodeVersionNote();
  if (note) say(note);
  await assertPortFree(ports.teacher, 'teacher app', '0.0.0.0');
  await assertPortFree(ports.student, 'student app', '0.0.0.0');
  mkdirSync(path.dirname(outputsPath), { recursive: true });

  let backend: Supervised | undefined;
  let demoPassword: string | undefined;
  if (cloud) {
    assertCloudOutputs();
  } else {
    backend = await startBackend();
    if (await userPoolIsEmpty()) await seed();
    demoPassword = readDemoPassword(dataDir);
  }

  const apps = (['teacher', 'student'] as const).map((app) =>
    supervisor.start(app, process.execPath, [nextBin(app), 'dev', '-p', String(ports[app])], {
      cwd: path.join(repoRoot, 'apps', app),
      env: appEnvironment(app, outputsPath, ports.student),
    }),
  );
  await Promise.all(apps.map((app) => waitForPort(ports[app.name as 'teacher' | 'student'], app.exited, `${app.name} app`)));

  say('');
  say(`Teacher app    http://localhost:${ports.teacher}`);
  if (demoPassword) say(`               sign in as ${demoTeacherEmail} / ${demoPassword}`);
  say(`Student app    http://localhost:${ports.student}   (no account needed)`);
  if (cloud) say('Backend        your AWS deployment (amplify_outputs.json from pnpm sandbox)');
  else {
    const dataDirOption = dataDir === defaultDataDir ? '' : ` --data-dir ${dataDir}`;
    say(`Local backend  http://127.0.0.1:${ports.backend}   (data in ${dataDir})`);
    say(`               console (teachers, data, requests): http://127.0.0.1:${ports.backend}/`);
    say(`               add teachers: pnpm teacher add <email>${dataDirOption}`);
    say(`               admin API: AWS_SHARED_CREDENTIALS_FILE=${path.join(dataDir, 'admin-credentials')} AWS_PROFILE=local-backend`);
  }
  say('Ctrl-C stops everything.');
  say('');

  if (backend) {
    void keepBackendRunning(backend, { start: startBackend, say, stopping: () => stopping, lastLine: () => backendLastLine });
  }
  // The backend is restarted when it dies; an app that stops ends pnpm dev.
  const first = await Promise.race(apps.map((app) => app.exited.then(() => app.name)));
  if (stopping) return;
  stopping = true;
  say(`the ${first} app stopped; stopping the others`);
  await supervisor.stopAll();
  process.exitCode = 1;
}

// `on`, not `once`: Ctrl-C reaches this process from the terminal and again from each pnpm
// above it, and a second signal must not kill it before its children are gone. With `exec` in
// the package scripts no shell sits in between, so pnpm sees the exit code 0 and prints nothing.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    void supervisor.stopAll().then(() => process.exit(0));
  });
}

main().catch(async (error: unknown) => {
  stopping = true;
  say(error instanceof Error ? error.message : String(error));
  await supervisor.stopAll();
  process.exit(1);
});
