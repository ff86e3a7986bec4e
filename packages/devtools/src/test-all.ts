/**
 * `pnpm test`: every check and test suite of the workspace, one after another
 * (this machine has two cores), then one closing line `N passed, N failed`.
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
    const relay = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => relay(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => relay(chunk, process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function timed(name: string, body: () => Promise<Counts>): Promise<SuiteResult> {
  console.log(`\n━━ ${name}`);
  const started = performance.now();
  const counts = await body();
  const seconds = (performance.now() - started) / 1000;
  console.log(`━━ ${name}: ${counts.passed} passed, ${counts.failed} failed (${seconds.toFixed(1)} s)`);
  return { name, counts, seconds };
}

/** A check with no test count of its own (typecheck, lint) counts as one test. */
async function check(command: string, args: string[]): Promise<Counts> {
  const { code } = await run(command, args, { cwd: repoRoot });
  return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

async function nodeTests(dir: string): Promise<Counts> {
  const { code, output } = await run('pnpm', ['run', '--silent', 'test'], { cwd: dir });
  const counts = countsFromNodeTestOutput(output) ?? { passed: 0, failed: 0, skipped: 0 };
  // A suite that died before its summary (a crash, a syntax error) still fails the run.
  return code !== 0 && counts.failed === 0 ? { ...counts, failed: counts.failed + 1 } : counts;
}

async function browserTests(): Promise<Counts> {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'exam-results-playwright-'));
  const reportFile = path.join(reportDir, 'report.json');
  try {
    const { code } = await run('pnpm', ['exec', 'playwright', 'test', '--reporter=list,json'], {
      cwd: repoRoot,
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
    });
    let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
    try {
      counts = countsFromPlaywrightReport(JSON.parse(readFileSync(reportFile, 'utf8')));
    } catch {
      // no report: Playwright failed before running anything
    }
    return code !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

const results: SuiteResult[] = [];
results.push(await timed('typecheck', () => check('pnpm', ['run', '--silent', 'typecheck'])));
results.push(await timed('lint', () => check('pnpm', ['run', '--silent', 'lint'])));
for (const pkg of workspacePackages().filter((candidate) => candidate.scripts.test)) {
  results.push(await timed(pkg.name, () => nodeTests(pkg.dir)));
}
results.push(await timed('browser (Playwright)', browserTests));

console.log('\nSummary');
for (const { name, counts, seconds } of results) {
  console.log(`  ${name.padEnd(36)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${seconds.toFixed(1).padStart(7)} s`);
}
const total = results.reduce((sum, result) => add(sum, result.counts), { passed: 0, failed: 0, skipped: 0 });
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
