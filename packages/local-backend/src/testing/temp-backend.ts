import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AmplifyOutputsLike, LocalBackendEndpoints } from '@exam-results/amplify-config';
import { WebSocket } from 'ws';
import type { RealtimeOptions } from '../appsync';
import { startLocalBackend, type IdentityPoolQuotas, type LocalBackend } from '../index';
import { defaultRepoRoot } from '../shared/paths';
import { loadAdminCredentials, openUserPoolAdmin, type UserPoolAdmin } from '../user-pool';
import type { RequestObservers } from '../shared/observers';
import { ManualClock } from './manual-clock';

/** The amplify_outputs.json a local backend writes, with the members tests read. */
export type TestOutputs = AmplifyOutputsLike & {
  auth: { user_pool_id: string; user_pool_client_id: string; identity_pool_id: string; aws_region: string };
  data: { url: string; aws_region: string };
  custom: { local_backend: LocalBackendEndpoints };
};

interface RunningBackend {
  /** The running backend (a new one after `restart`). */
  readonly backend: LocalBackend;
  dataDir: string;
  /** The amplify_outputs.json the backend wrote into `dataDir`. */
  outputs: TestOutputs;
  /** `<url>/graphql` and its real-time endpoint. */
  dataUrl: string;
  realtimeUrl: string;
  region: string;
  /** Every line the backend logged. */
  logLines: string[];
  /** The user pool's administrator, as the CLI has it. */
  admin: UserPoolAdmin;
  /** Stops the backend and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the backend and deletes its data directory. */
  stop(): Promise<void>;
}

/** A backend in this process. */
export interface TempBackend extends RunningBackend {
  /** The backend's clock: real time plus whatever the test moves it on by. */
  clock: ManualClock;
}

/** A backend in a child process (the CLI's `start`), which a test can kill. */
interface ChildProcessBackend extends RunningBackend {
  /** Kills the backend with SIGKILL, as a crash would, and resolves with how it exited. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface InProcessOptions {
  /** Prefix of the temporary data directory's name. */
  prefix?: string;
  realtime?: RealtimeOptions;
  /** The directory holding amplify/. Defaults to this monorepo. */
  repoRoot?: string;
  /** Host names served beside the loopback ones. */
  allowedHosts?: string[];
  /** The identity pool's request-rate quotas; AWS's defaults unless given. */
  identityPoolQuotas?: IdentityPoolQuotas;
  /** Told what the services do (a benchmark counting reads). */
  observers?: RequestObservers;
}

interface ChildProcessOptions {
  prefix?: string;
  childProcess: true;
}

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

/** Starts `cli.ts start` in a child process and resolves once it listens. */
async function startChild(port: number, dataDir: string, outputsFile: string, logLines: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', String(port), '--data-dir', dataDir, '--outputs', outputsFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const lines = [child.stdout, child.stderr].map((stream) => createInterface({ input: stream }));
  const url = new Promise<string>((resolve) => {
    for (const input of lines) {
      input.on('line', (line) => {
        logLines.push(line);
        const listening = /local backend listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (listening) resolve(listening);
      });
    }
  });
  const started = await Promise.race([url, exited.then(() => undefined)]);
  if (!started) throw new Error(`the child backend exited before listening:\n${logLines.join('\n')}`);
  return { child, url: started };
}

/** A LocalBackend handle on a child process, from what it printed and wrote. */
function childHandle(child: ChildProcess, url: string, outputs: TestOutputs, dataDir: string): LocalBackend {
  const local = outputs.custom.local_backend;
  return {
    url,
    port: Number(new URL(url).port),
    ids: {
      region: 'us-east-1',
      userPoolId: outputs.auth.user_pool_id,
      userPoolClientId: outputs.auth.user_pool_client_id,
      identityPoolId: outputs.auth.identity_pool_id,
    },
    userPoolEndpoint: local.user_pool_endpoint,
    identityPoolEndpoint: local.identity_pool_endpoint,
    adminCredentials: loadAdminCredentials(dataDir),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A backend on a free port with a fresh temporary data directory holding its
 * amplify_outputs.json, in this process (with a ManualClock) or, with `childProcess`,
 * in a child process that can be killed.
 */
export async function startTempBackend(options?: InProcessOptions): Promise<TempBackend>;
export async function startTempBackend(options: ChildProcessOptions): Promise<ChildProcessBackend>;
export async function startTempBackend(options: InProcessOptions | ChildProcessOptions = {}): Promise<TempBackend | ChildProcessBackend> {
  // Node 20 has no global WebSocket; Amplify's real-time client needs one.
  globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
  const dataDir = mkdtempSync(join(tmpdir(), options.prefix ?? 'local-backend-test-'));
  const outputsFile = join(dataDir, 'amplify_outputs.json');
  const readOutputs = () => JSON.parse(readFileSync(outputsFile, 'utf8')) as TestOutputs;
  const logLines: string[] = [];
  const clock = new ManualClock();
  let child: ChildProcess | undefined;

  const start = async (port: number): Promise<LocalBackend> => {
    if ('childProcess' in options) {
      const started = await startChild(port, dataDir, outputsFile, logLines);
      child = started.child;
      return childHandle(started.child, started.url, readOutputs(), dataDir);
    }
    return startLocalBackend({
      port,
      dataDir,
      outputsFile,
      clock,
      log: (line) => logLines.push(line),
      ...(options.realtime ? { realtime: options.realtime } : {}),
      ...(options.repoRoot ? { repoRoot: options.repoRoot } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.identityPoolQuotas === undefined ? {} : { identityPoolQuotas: options.identityPoolQuotas }),
      ...(options.observers ? { observers: options.observers } : {}),
    });
  };

  let backend: LocalBackend | undefined = await start(0);
  const { port } = backend;
  const outputs = readOutputs();
  const admin = await openUserPoolAdmin({ dataDir, repoRoot: ('repoRoot' in options && options.repoRoot) || defaultRepoRoot });
  const running: RunningBackend = {
    get backend() {
      if (!backend) throw new Error('the test backend is not running');
      return backend;
    },
    dataDir,
    outputs,
    dataUrl: outputs.data.url,
    realtimeUrl: `${outputs.data.url.replace(/^http/, 'ws')}/realtime`,
    region: outputs.data.aws_region,
    logLines,
    admin,
    async restart() {
      await backend?.stop();
      backend = undefined;
      backend = await start(port);
    },
    async stop() {
      try {
        await backend?.stop();
      } finally {
        backend = undefined;
        admin.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  if (!('childProcess' in options)) return Object.assign(running, { clock });
  return Object.assign(running, {
    async kill() {
      if (!child) throw new Error('the child backend was never started');
      if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      child.kill('SIGKILL');
      const [code, signal] = await exited;
      backend = undefined;
      return { code, signal };
    },
  });
}
