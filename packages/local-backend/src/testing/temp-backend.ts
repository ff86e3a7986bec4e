import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AmplifyOutputsLike } from '@exam-results/amplify-config';
import { startLocalBackend, type LocalBackend, type LocalBackendOptions } from '../index';

type TempBackendOptions = Omit<LocalBackendOptions, 'port' | 'dataDir' | 'outputsFile' | 'log' | 'reset'>;

interface TempBackend {
  /** The running backend (a new one after `restart`). */
  readonly backend: LocalBackend;
  dataDir: string;
  /** The amplify_outputs.json the backend wrote into `dataDir`. */
  outputs: AmplifyOutputsLike;
  logLines: string[];
  /** Stops the backend and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the backend and deletes its data directory. */
  stop(): Promise<void>;
}

/** A backend on a free port with a fresh temporary data directory (named `<prefix>…`) holding its outputs. */
export async function startTempBackend(prefix: string, options: TempBackendOptions = {}): Promise<TempBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const outputsFile = join(dataDir, 'amplify_outputs.json');
  const logLines: string[] = [];
  const start = (port: number) => startLocalBackend({ ...options, port, dataDir, outputsFile, log: (line) => logLines.push(line) });
  let backend: LocalBackend | undefined = await start(0);
  const { port } = backend;
  const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyOutputsLike;
  return {
    get backend() {
      if (!backend) throw new Error('the test backend is not running');
      return backend;
    },
    dataDir,
    outputs,
    logLines,
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
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
