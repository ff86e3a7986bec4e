/**
 * `npx ampx …` inside the Hosting rehearsal. The two commands of amplify.yml that need AWS get local
 * stand-ins; everything before the deployment itself runs as ampx runs it:
 *
 * - `pipeline-deploy --branch B --app-id A [--outputs-out-dir D]`: type-checks amplify/ and synthesizes it
 *   with the branch deployment's CDK context, as ampx does before deploying; then, instead of
 *   CloudFormation, starts the local backend (port 0, data in the rehearsal's directory) and copies the
 *   amplify_outputs.json it writes to D.
 * - `generate outputs --branch B --app-id A [--out-dir D]`: copies the outputs of the backend deployed
 *   for A and B earlier in the rehearsal to D, or fails as ampx does when that stack does not exist.
 *
 * The backend keeps running after this process exits; the rehearsal stops it by the pid recorded here.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backendDir, REHEARSAL_STATE_VARIABLE, BACKEND_PIDS_FILE } from './rehearsal-state';

const BACKEND_START_TIMEOUT_MS = 180_000;
const OUTPUTS_FILE = 'amplify_outputs.json';

class AmpxError extends Error {}

function stateDir(): string {
  const dir = process.env[REHEARSAL_STATE_VARIABLE];
  if (!dir) throw new AmpxError(`${REHEARSAL_STATE_VARIABLE} is not set: this stand-in only runs inside the Hosting rehearsal`);
  return dir;
}

/** The workspace's own ampx, which `npx ampx` runs; without one npx would fetch the unrelated npm package "ampx". */
function assertLocalAmpx(cwd: string): void {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', '.bin', 'ampx'))) return;
    if (path.dirname(dir) === dir) throw new AmpxError(`npx finds no ampx in node_modules/.bin from ${cwd} up, and would download the npm package named "ampx" instead`);
  }
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new AmpxError(`${path.basename(command)} ${args.join(' ')} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`)),
    );
  });
}

function backendArgs(args: string[], outDirOption: string): { branch: string; appId: string; outDir: string | undefined } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { branch: { type: 'string' }, 'app-id': { type: 'string' }, [outDirOption]: { type: 'string' } },
  });
  const branch = values['branch'];
  const appId = values['app-id'];
  if (typeof branch !== 'string' || typeof appId !== 'string' || branch === '' || appId === '') {
    throw new AmpxError('Invalid --branch or --app-id: both are required and must be at least 1 character');
  }
  const outDir = values[outDirOption];
  return { branch, appId, outDir: typeof outDir === 'string' ? outDir : undefined };
}

async function waitForBackend(logFile: string, pid: number): Promise<string> {
  const deadline = Date.now() + BACKEND_START_TIMEOUT_MS;
  for (;;) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    const url = /local backend listening on (http:\/\/\S+)/.exec(log)?.[1];
    if (url) return url;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive || Date.now() > deadline) {
      const tail = log.trimEnd().split('\n').slice(-20).join('\n');
      throw new AmpxError(`the local backend ${alive ? `did not start within ${BACKEND_START_TIMEOUT_MS / 1000} s` : 'exited before it was ready'}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * ampx type-checks with the compiler API of the project's `typescript` package; that package's own
 * command (`tsc`, or `tsc6` where TypeScript 6 stands beside 7) is the same compiler.
 */
function compilerOfTypescriptPackage(cwd: string): string {
  const manifestPath = createRequire(path.join(cwd, 'package.json')).resolve('typescript/package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  const command = Object.values(bin)[0];
  if (!command) throw new AmpxError(`the typescript package at ${manifestPath} has no compiler command`);
  return path.join(path.dirname(manifestPath), command);
}

async function pipelineDeploy(args: string[], cwd: string): Promise<void> {
  const { branch, appId, outDir } = backendArgs(args, 'outputs-out-dir');
  const entry = path.join(cwd, 'amplify', 'backend.ts');
  if (!existsSync(entry)) throw new AmpxError(`Amplify Backend not found in ${cwd}: ampx looks for amplify/backend.ts in the working directory`);
  const dir = backendDir(stateDir(), appId, branch);
  mkdirSync(dir, { recursive: true });

  // The type check, the synthesis and the local backend's start (it synthesizes amplify/ for itself)
  // run at the same time, each mostly on one core: the deployment counts only once all three have
  // succeeded, as ampx deploys only a backend that type-checks and synthesizes. A backend started for a
  // failed deployment is stopped with the others at the end of the rehearsal.
  const typeCheck = (async () => {
    console.log('Type-checking amplify/ as ampx does (tsc --noEmit --skipLibCheck)');
    await run(process.execPath, [compilerOfTypescriptPackage(cwd), '--noEmit', '--skipLibCheck', '-p', 'amplify'], { cwd });
  })();
  const synthesis = (async () => {
    console.log(`Synthesizing amplify/ as the branch deployment of app ${appId}, branch ${branch}`);
    const assembly = path.join(dir, 'assembly');
    const context = { 'amplify-backend-namespace': appId, 'amplify-backend-name': branch, 'amplify-backend-type': 'branch' };
    await run(process.execPath, ['--import', 'tsx', entry], { cwd, env: { ...process.env, CDK_OUTDIR: assembly, CDK_CONTEXT_JSON: JSON.stringify(context) } });
    if (!existsSync(path.join(assembly, 'manifest.json'))) throw new AmpxError(`synthesizing ${entry} wrote no cloud assembly to ${assembly}`);
  })();
  const [checked, synthesized, started] = await Promise.allSettled([typeCheck, synthesis, startBackend(cwd, dir)]);
  for (const step of [checked, synthesized, started]) if (step.status === 'rejected') throw step.reason;
  const url = started.status === 'fulfilled' ? started.value : '';

  const target = path.resolve(cwd, outDir ?? '.');
  mkdirSync(target, { recursive: true });
  copyFileSync(path.join(dir, OUTPUTS_FILE), path.join(target, OUTPUTS_FILE));
  console.log(`Local backend for app ${appId}, branch ${branch} at ${url}; wrote ${path.join(target, OUTPUTS_FILE)}`);
}

/** Starts the local backend in place of CloudFormation and resolves with its URL once it listens. */
async function startBackend(cwd: string, dir: string): Promise<string> {
  console.log('Deploying to the local backend instead of CloudFormation');
  const logFile = path.join(dir, 'backend.log');
  const log = openSync(logFile, 'a');
  const backend = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/local-backend/src/cli.ts', 'start', '--port', '0', '--data-dir', path.join(dir, 'data'), '--outputs', path.join(dir, OUTPUTS_FILE)],
    { cwd, env: process.env, stdio: ['ignore', log, log], detached: true },
  );
  if (backend.pid === undefined) throw new AmpxError('the local backend could not be started');
  appendFileSync(path.join(stateDir(), BACKEND_PIDS_FILE), `${backend.pid}\n`);
  backend.unref();
  return waitForBackend(logFile, backend.pid);
}

function generateOutputs(args: string[], cwd: string): void {
  const { branch, appId, outDir } = backendArgs(args, 'out-dir');
  const outputs = path.join(backendDir(stateDir(), appId, branch), OUTPUTS_FILE);
  if (!existsSync(outputs)) {
    throw new AmpxError(
      `[StackDoesNotExistError] Stack does not exist. No backend was deployed for app ${appId}, branch ${branch} in this rehearsal: the app that owns the backend builds first, with that app id`,
    );
  }
  const target = path.resolve(cwd, outDir ?? '.');
  mkdirSync(target, { recursive: true });
  copyFileSync(outputs, path.join(target, OUTPUTS_FILE));
  console.log(`Wrote ${path.join(target, OUTPUTS_FILE)} (backend of app ${appId}, branch ${branch})`);
}

async function main(argv: string[]): Promise<void> {
  const cwd = process.cwd();
  assertLocalAmpx(cwd);
  const [command, subcommand] = argv;
  if (command === 'pipeline-deploy') return pipelineDeploy(argv.slice(1), cwd);
  if (command === 'generate' && subcommand === 'outputs') return generateOutputs(argv.slice(2), cwd);
  throw new AmpxError(`npx ampx ${argv.join(' ')}: needs AWS, and the rehearsal has a local stand-in only for pipeline-deploy and generate outputs`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`ampx (Hosting rehearsal): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
