/**
 * `pnpm test`: every check and test suite of the workspace, then one closing line `N passed, N failed`.
 * One after another (this machine has two cores), but for lint and the short suites, which run beside
 * the devtools suite (see below).
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
  /** CPU seconds the suite's processes used (their children's included, once reaped), where Linux says. */
  cpuSeconds: number | undefined;
}

/**
 * CPU seconds of this process's reaped descendants (`cutime + cstime` of /proc/self/stat, at 100 ticks a
 * second): read before and after a suite, the suite's own CPU, whatever else the machine runs. A process
 * a suite orphans is not counted. Undefined where there is no /proc.
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command name: field 3 is state, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a command, relaying its output as it comes or, `buffered`, all at once when it ends (a suite beside another). */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; buffered?: boolean }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      output += chunk.toString();
      if (!options.buffered) stream.write(chunk);
    };
    if (options.buffered) child.on('close', () => process.stdout.write(output));
    child.stdout.on('data', (chunk: Buffer) => relay(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => relay(chunk, process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `, CPU 150 s = 1.7 cores`: how busy the suite kept the machine's cores, on average. */
function cpuText(cpuSeconds: number | undefined, seconds: number): string {
  return cpuSeconds === undefined ? '' : `, CPU ${cpuSeconds.toFixed(0)} s = ${(cpuSeconds / Math.max(seconds, 0.1)).toFixed(1)} cores`;
}

/** `beside`: the suite runs beside another, so its CPU is not told apart (the block's is printed). */
async function timed(name: string, body: () => Promise<Counts>, { beside = false, buffered = false } = {}): Promise<SuiteResult> {
  console.log(`\n━━ ${name}${buffered ? ' (beside the devtools suite; its output follows when it ends)' : ''}`);
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const counts = await body();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();
  const cpuSeconds = beside || cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  console.log(`━━ ${name}: ${counts.passed} passed, ${counts.failed} failed (${seconds.toFixed(1)} s${cpuText(cpuSeconds, seconds)})`);
  return { name, counts, seconds, cpuSeconds };
}

/** A check with no test count of its own (typecheck, lint) counts as one test. */
async function check(command: string, args: string[], buffered = false): Promise<Counts> {
  const { code } = await run(command, args, { cwd: repoRoot, buffered });
  return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

async function nodeTests(dir: string, buffered = false): Promise<Counts> {
  const { code, output } = await run('pnpm', ['run', '--silent', 'test'], { cwd: dir, buffered });
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

// Side by side where the per-suite CPU figures (below) showed room: the devtools suite keeps about 1.2
// of the 2 cores busy for three minutes (the Hosting rehearsal's installs and builds wait on the disk
// and on each other), so lint and the short suites run beside it, one after another. The synthesis
// suite (1.6 cores), the local backend's (1.8) and the browser tests run alone: beside devtools, the
// synthesis suite took 137 s where it takes 31 s alone.
const DEVTOOLS = '@exam-results/devtools';
const ALONE = ['@exam-results/amplify-synth', '@exam-results/local-backend'];
const results: SuiteResult[] = [];
results.push(await timed('typecheck', () => check('pnpm', ['run', '--silent', 'typecheck'])));
const suites = workspacePackages().filter((candidate) => candidate.scripts.test);
const devtools = suites.find((pkg) => pkg.name === DEVTOOLS);
const beside = suites.filter((pkg) => pkg !== devtools && !ALONE.includes(pkg.name));
const blockStarted = performance.now();
const blockCpuBefore = childrenCpuSeconds();
const [devtoolsResult, besideResults] = await Promise.all([
  devtools ? timed(devtools.name, () => nodeTests(devtools.dir), { beside: true }) : undefined,
  (async () => {
    const done: SuiteResult[] = [await timed('lint', () => check('pnpm', ['run', '--silent', 'lint'], true), { beside: true, buffered: true })];
    for (const pkg of beside) done.push(await timed(pkg.name, () => nodeTests(pkg.dir, true), { beside: true, buffered: true }));
    return done;
  })(),
]);
const blockSeconds = (performance.now() - blockStarted) / 1000;
const blockCpuAfter = childrenCpuSeconds();
results.push(...(devtoolsResult ? [devtoolsResult] : []), ...besideResults);
const blockLine = `devtools beside lint and the short suites: ${blockSeconds.toFixed(1)} s${cpuText(blockCpuBefore === undefined || blockCpuAfter === undefined ? undefined : blockCpuAfter - blockCpuBefore, blockSeconds)}`;
console.log(`━━ ${blockLine}`);
for (const pkg of suites.filter((candidate) => ALONE.includes(candidate.name))) {
  results.push(await timed(pkg.name, () => nodeTests(pkg.dir)));
}
results.push(await timed('browser (Playwright)', browserTests));

console.log('\nSummary');
for (const { name, counts, seconds, cpuSeconds } of results) {
  console.log(`  ${name.padEnd(36)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${seconds.toFixed(1).padStart(7)} s${cpuText(cpuSeconds, seconds)}`);
}
console.log(`  ${blockLine}`);
const total = results.reduce((sum, result) => add(sum, result.counts), { passed: 0, failed: 0, skipped: 0 });
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
