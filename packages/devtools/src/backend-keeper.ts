import type { Supervised } from './supervisor';

/** How the backend is started again: resolves once it listens, rejects if it stops before. */
export type StartBackend = () => Promise<Supervised>;

interface KeeperOptions {
  start: StartBackend;
  say: (line: string) => void;
  /** Whether pnpm dev is stopping: an exit then is expected. */
  stopping: () => boolean;
  /** The last line the backend printed, to say why it stopped. */
  lastLine: () => string | undefined;
}

const firstDelayMs = 1000;
const maxDelayMs = 30_000;
// A backend that served this long before dying starts the backoff over.
const stableAfterMs = 60_000;
// Bounded: after this many restarts in a row that did not get it serving, pnpm dev gives up on it (the apps stay).
const maxFailedStarts = 8;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function why(backend: Supervised, code: number, lastLine: string | undefined): string {
  const last = lastLine === undefined || lastLine.trim() === '' ? '' : `; its last line: ${lastLine.trim()}`;
  const signal = backend.child.signalCode;
  return `${signal ? `killed by ${signal}` : `exit code ${code}`}${last}`;
}

/**
 * Keeps the local backend running under pnpm dev: when it stops on its own, says why and
 * starts it again on the same port and data, waiting 1 s, 2 s, 4 s … (at most 30 s) between
 * attempts. The apps keep running meanwhile; their clients reconnect once it is back.
 */
export async function keepBackendRunning(first: Supervised, options: KeeperOptions): Promise<void> {
  let running = first;
  let delay = firstDelayMs;
  let failedStarts = 0;
  for (;;) {
    const startedAt = Date.now();
    const code = await running.exited;
    if (options.stopping()) return;
    if (Date.now() - startedAt >= stableAfterMs) delay = firstDelayMs;
    options.say(`the local backend stopped (${why(running, code, options.lastLine())}); the apps keep running; restarting it in ${delay / 1000} s`);
    for (;;) {
      await pause(delay);
      if (options.stopping()) return;
      delay = Math.min(delay * 2, maxDelayMs);
      try {
        running = await options.start();
        failedStarts = 0;
        options.say('the local backend is back');
        break;
      } catch (error) {
        failedStarts += 1;
        const reason = error instanceof Error ? error.message : String(error);
        if (failedStarts >= maxFailedStarts) {
          options.say(`the local backend did not start ${failedStarts} times in a row (${reason}); giving up on it, the apps keep running. Fix the cause and restart pnpm dev.`);
          return;
        }
        options.say(`the local backend did not start (${reason}); trying again in ${delay / 1000} s`);
      }
    }
  }
}
