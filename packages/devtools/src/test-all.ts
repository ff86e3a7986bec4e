/**
 * `pnpm test`: every check and test suite of the workspace in two lanes side by side (the long
 * suites in one, the short ones beside them), then one closing line `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { add, countsFromNodeTestOutput, countsFromPlaywrightReport, type Counts } from './test-counts';
import { repoRoot, workspacePackages } from './workspace';

interface SuiteResult {
  name: string;
  counts: Counts;
  seconds: number;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

interface Suite {
  name: string;
  run: () => Promise<{ counts: Counts; output: string }>;
}

/** A check with no test count of its own (typecheck, lint) counts as one test. */
function check(name: string, command: string, args: string[]): Suite {
  return {
    name,
    run: async () => {
      const { code, output } = await run(command, args, { cwd: repoRoot });
      return { counts: code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 }, output };
    },
  };
}

function nodeTests(name: string, dir: string): Suite {
  return {
    name,
    run: async () => {
      const { code, output } = await run('pnpm', ['run', '--silent', 'test'], { cwd: dir });
      const counts = countsFromNodeTestOutput(output) ?? { passed: 0, failed: 0, skipped: 0 };
      // A suite that died before its summary (a crash, a syntax error) still fails the run.
      return { counts: code !== 0 && counts.failed === 0 ? { ...counts, failed: counts.failed + 1 } : counts, output };
    },
  };
}

const browserTests: Suite = {
  name: 'browser (Playwright)',
  run: async () => {
    const reportDir = mkdtempSync(path.join(tmpdir(), 'exam-results-playwright-'));
    const reportFile = path.join(reportDir, 'report.json');
    try {
      const { code, output } = await run('pnpm', ['exec', 'playwright', 'test', '--reporter=list,json'], {
        cwd: repoRoot,
        env: { PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
      });
      let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
      try {
        counts = countsFromPlaywrightReport(JSON.parse(readFileSync(reportFile, 'utf8')));
      } catch {
        // no report: Playwright failed before running anything
      }
      return { counts: code !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts, output };
    } finally {
      rmSync(reportDir, { recursive: true, force: true });
    }
  },
};

function summaryLine({ name, counts, seconds }: SuiteResult): string {
  return `━━ ${name}: ${counts.passed} passed, ${counts.failed} failed (${seconds.toFixed(1)} s)`;
}

/**
 * Two lanes side by side, each running its suites one after another. Each suite's output is
 * printed whole when it ends, so two suites never interleave; a line each minute names what is
 * still running.
 */
async function runLanes(lanes: Suite[][]): Promise<SuiteResult[]> {
  const results = new Map<Suite, SuiteResult>();
  const running = new Map<Suite, number>();
  const heartbeat = setInterval(() => {
    const now = performance.now();
    console.log(`… running: ${[...running].map(([suite, started]) => `${suite.name} (${((now - started) / 1000).toFixed(0)} s)`).join(', ')}`);
  }, 60_000);
  const runLane = async (lane: Suite[]) => {
    for (const suite of lane) {
      const started = performance.now();
      running.set(suite, started);
      const { counts, output } = await suite.run();
      running.delete(suite);
      const result = { name: suite.name, counts, seconds: (performance.now() - started) / 1000 };
      process.stdout.write(`\n━━ ${suite.name}\n${output}${output.endsWith('\n') ? '' : '\n'}${summaryLine(result)}\n`);
      results.set(suite, result);
    }
  };
  try {
    await Promise.all(lanes.map(runLane));
  } finally {
    clearInterval(heartbeat);
  }
  return lanes.flat().map((suite) => results.get(suite) as SuiteResult);
}

const packageSuites = workspacePackages()
  .filter((candidate) => candidate.scripts.test)
  .map((pkg) => nodeTests(pkg.name, pkg.dir));
// Each of these already keeps both cores busy (two test files, or two browser workers, at a time);
// side by side they only slow each other down. The short suites run beside the first of them.
const heavy = ['@exam-results/devtools', '@exam-results/local-backend'];
const results: SuiteResult[] = await runLanes([
  [...heavy.flatMap((name) => packageSuites.filter((suite) => suite.name === name)), browserTests],
  [
    check('typecheck', 'pnpm', ['run', '--silent', 'typecheck']),
    check('lint', 'pnpm', ['run', '--silent', 'lint']),
    ...packageSuites.filter((suite) => !heavy.includes(suite.name)),
  ],
]);

console.log('\nSummary');
for (const { name, counts, seconds } of results) {
  console.log(`  ${name.padEnd(36)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${seconds.toFixed(1).padStart(7)} s`);
}
const total = results.reduce((sum, result) => add(sum, result.counts), { passed: 0, failed: 0, skipped: 0 });
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
