/**
 * A benchmark's backend in a child process (this same file, run with `serve`), so its memory
 * and its event loop are its own, and the figures printed as a table.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startLocalBackend, type LocalBackendOptions } from '../src/index';
import type { TestOutputs } from '../src/testing';

export interface Memory {
  rss: number;
  heapUsed: number;
}

/** How long the backend's event loop was held up since the last ask, in ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

type BackendMessage = { type: 'ready' } | ({ type: 'memory' } & Memory) | ({ type: 'loop' } & LoopDelay);

/** Options of the backend a benchmark starts (JSON, since they cross to the child). */
type ServeOptions = Pick<LocalBackendOptions, 'realtime'>;

async function serve(dataDir: string, options: ServeOptions): Promise<void> {
  const backend = await startLocalBackend({ port: 0, dataDir, outputsFile: join(dataDir, 'amplify_outputs.json'), log: () => undefined, ...options });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  process.on('message', (message) => {
    if (message === 'loop') {
      const ms = (nanoseconds: number) => nanoseconds / 1e6;
      process.send?.({ type: 'loop', p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } satisfies BackendMessage);
      delay.reset();
    } else if (message === 'memory') {
      process.send?.({ type: 'memory', ...childMemory() } satisfies BackendMessage);
    } else if (message === 'stop') {
      void backend.stop().then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready' } satisfies BackendMessage);
}

/** This process's RSS and heapUsed after a forced GC (it runs with --expose-gc). */
export function childMemory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** The first message of `type` from `child`, after sending it `send` if given. */
export function replyTo<M extends { type: string }>(child: ChildProcess, type: M['type'], send?: string): Promise<M> {
  return new Promise((resolve) => {
    const listener = (message: M) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
    if (send) child.send(send);
  });
}

export interface ChildBackend {
  dataDir: string;
  outputs: TestOutputs;
  /** The backend's RSS and heapUsed after a forced GC. */
  memory(): Promise<Memory>;
  /** How long the backend's event loop was held up since the last call. */
  loopDelay(): Promise<LoopDelay>;
  stop(): Promise<void>;
}

/** A backend with a fresh data directory in a child process with a GC it can force. */
export async function startChildBackend(options: ServeOptions = {}): Promise<ChildBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-backend-bench-'));
  const child = fork(fileURLToPath(import.meta.url), ['serve', dataDir, JSON.stringify(options)], {
    cwd: dirname(dirname(fileURLToPath(import.meta.url))),
    execArgv: ['--import', 'tsx', '--expose-gc'],
  });
  await replyTo<{ type: 'ready' }>(child, 'ready');
  return {
    dataDir,
    outputs: JSON.parse(readFileSync(join(dataDir, 'amplify_outputs.json'), 'utf8')) as TestOutputs,
    memory: () => replyTo<{ type: 'memory' } & Memory>(child, 'memory', 'memory'),
    loopDelay: () => replyTo<{ type: 'loop' } & LoopDelay>(child, 'loop', 'loop'),
    async stop() {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value at percentile `p` of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Prints rows of cells under a header, right-aligned. */
export function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

const [mode, servedDataDir, servedOptions] = process.argv.slice(2);
if (mode === 'serve' && servedDataDir) {
  await serve(servedDataDir, JSON.parse(servedOptions ?? '{}') as ServeOptions);
}
