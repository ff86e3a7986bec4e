import { watch } from 'node:fs';
import { join } from 'node:path';
import type { ReloadableBackend } from '..';

// Editors write a file in several steps; one reload follows a burst of changes.
const settleMs = 300;

function errorBlock(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const rule = '─'.repeat(72);
  return [`amplify/ has an error; the last good definition keeps serving.`, rule, text.trimEnd(), rule].join('\n');
}

/**
 * Watches `<repoRoot>/amplify` (not its node_modules) as `ampx sandbox` does, and reloads the
 * backend's API after each change, one reload at a time; a change during a reload reloads again
 * after it. Returns a function that stops watching.
 */
export function watchAmplify(backend: ReloadableBackend, repoRoot: string, log: (text: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const reload = async (): Promise<void> => {
    log('amplify/ changed: synthesizing and reloading the API…');
    try {
      await backend.reload();
      log('reloaded the API from amplify/ (data kept; open real-time connections were asked to reconnect)');
    } catch (error) {
      log(errorBlock(error));
    }
  };
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = reload().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  };
  const watcher = watch(join(repoRoot, 'amplify'), { recursive: true }, (_event, file) => {
    if (file === null || file.split(/[\\/]/).includes('node_modules')) return;
    clearTimeout(timer);
    timer = setTimeout(run, settleMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
