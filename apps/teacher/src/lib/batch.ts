import { messageOf } from './data-errors';

export interface BatchProgress {
  done: number;
  failed: number;
  total: number;
}

export interface BatchOutcome<T> {
  succeeded: T[];
  failed: { item: T; message: string }[];
}

/**
 * Runs `task` for every item, at most `concurrency` at a time, reports progress as each one
 * settles, and returns successes and failures in the order of `items`.
 */
export async function runBatch<T>(
  items: readonly T[],
  task: (item: T) => Promise<unknown>,
  { concurrency = 4, onProgress }: { concurrency?: number; onProgress?: (progress: BatchProgress) => void } = {},
): Promise<BatchOutcome<T>> {
  const failures = new Map<number, string>();
  let next = 0;
  let done = 0;
  const report = () => onProgress?.({ done, failed: failures.size, total: items.length });

  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        await task(items[index] as T);
      } catch (error) {
        failures.set(index, messageOf(error));
      }
      done += 1;
      report();
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));

  const outcome: BatchOutcome<T> = { succeeded: [], failed: [] };
  items.forEach((item, index) => {
    const message = failures.get(index);
    if (message === undefined) outcome.succeeded.push(item);
    else outcome.failed.push({ item, message });
  });
  return outcome;
}
