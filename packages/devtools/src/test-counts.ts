export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Reads the closing summary of Node's test runner, in either of its
 * reporters: TAP (`# pass 5`) or spec (`ℹ pass 5`).
 */
export function countsFromNodeTestOutput(output: string): Counts | undefined {
  const read = (label: string): number | undefined => {
    const matches = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${label} (\\d+)$`, 'gm'))];
    const last = matches.at(-1);
    return last ? Number(last[1]) : undefined;
  };
  const passed = read('pass');
  const failed = read('fail');
  if (passed === undefined || failed === undefined) return undefined;
  return { passed, failed: failed + (read('cancelled') ?? 0), skipped: (read('skipped') ?? 0) + (read('todo') ?? 0) };
}

interface PlaywrightJsonReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

export function countsFromPlaywrightReport(report: PlaywrightJsonReport): Counts {
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

export function add(a: Counts, b: Counts): Counts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}
