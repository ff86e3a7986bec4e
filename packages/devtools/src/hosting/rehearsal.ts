import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildShell } from './build-shell';
import { PHASES, parseBuildSpec, type HostedApp } from './build-spec';
import { checkArtifacts, type ArtifactsReport } from './check-artifacts';
import { BACKEND_PIDS_FILE, backendDir, REHEARSAL_STATE_VARIABLE } from './rehearsal-state';

/** The variable the README asks to set on every Amplify app that does not own the backend: the owner's app id. */
const BACKEND_APP_ID_VARIABLE = 'BACKEND_APP_ID';

const COMMAND_TIMEOUT_MS = 10 * 60_000;
const BACKEND_STOP_TIMEOUT_MS = 10_000;

// Variables of this machine a build needs (home, locale, temp, proxies); nothing else of the caller's
// environment leaks in, in particular not the npm_* and PATH entries of the pnpm that runs the rehearsal.
const PASSED_THROUGH = [
  'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR',
  'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy',
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'npm_config_registry',
];

interface RehearsalOptions {
  /** The repository whose current commit is rehearsed. */
  repoRoot: string;
  log?: (line: string) => void;
  commandTimeoutMs?: number;
  signal?: AbortSignal;
}

interface AppRehearsal {
  appRoot: string;
  appId: string;
  seconds: number;
  artifacts: ArtifactsReport;
  /** The user pool of the backend whose outputs the app's client code embeds. */
  bundledUserPoolId?: string;
}

interface RehearsalResult {
  commit: string;
  branch: string;
  /** Where the clones, the backend's data and the temporary global installs were; removed at the end. */
  workDir: string;
  /** The local backends started in place of `ampx pipeline-deploy`; stopped at the end. */
  backendUrls: string[];
  apps: AppRehearsal[];
  seconds: number;
}

function git(repoRoot: string, args: string[]): string {
  return execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8' }).trim();
}

function appId(app: HostedApp): string {
  return `rehearsal-${path.basename(app.appRoot)}`;
}

/** The real npx, found on the PATH the builds get, for the stand-in to pass everything but `npx ampx` to. */
function realNpx(searchPath: string): string {
  for (const dir of searchPath.split(path.delimiter)) {
    const candidate = path.join(dir, 'npx');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('npx is not on PATH');
}

function writeNpxStandIn(binDir: string, npx: string): void {
  const standIn = fileURLToPath(new URL('local-ampx.ts', import.meta.url));
  const tsx = import.meta.resolve('tsx');
  mkdirSync(binDir, { recursive: true });
  const script = [
    '#!/bin/sh',
    '# npx ampx -> the Hosting rehearsal\'s local stand-in; any other npx call -> npx itself.',
    `if [ "$1" = ampx ]; then shift; exec '${process.execPath}' --import '${tsx}' '${standIn}' "$@"; fi`,
    `exec '${npx}' "$@"`,
    '',
  ].join('\n');
  writeFileSync(path.join(binDir, 'npx'), script);
  chmodSync(path.join(binDir, 'npx'), 0o755);
}

/**
 * Amplify Hosting's build image has nvm, a shell function, and amplify.yml picks the Node major with
 * `nvm install <major>`. The rehearsal's stand-in, sourced by every command's bash through BASH_ENV:
 * `nvm install|use <major>` puts the Node that runs the rehearsal first on PATH when it is that major,
 * and fails, as a missing version would, when it is not.
 */
function writeNvmStandIn(workDir: string): string {
  const nodeDir = path.join(workDir, 'nvm-node', 'bin');
  mkdirSync(nodeDir, { recursive: true });
  symlinkSync(process.execPath, path.join(nodeDir, 'node'));
  const file = path.join(workDir, 'nvm.sh');
  const major = process.versions.node.split('.')[0];
  writeFileSync(file, [
    '# The Hosting rehearsal\'s nvm: only the Node that runs the rehearsal is installed.',
    'nvm() {',
    '  case "$1" in install|use) ;; *) echo "nvm $1: the Hosting rehearsal\'s nvm knows install and use only" >&2; return 1 ;; esac',
    '  local wanted="${2#v}"',
    `  if [ "\${wanted%%.*}" != '${major}' ]; then echo "nvm $1 $2: the Hosting rehearsal has Node ${process.version} only" >&2; return 1; fi`,
    `  case ":$PATH:" in *':${nodeDir}:'*) ;; *) export PATH='${nodeDir}':"$PATH" ;; esac`,
    `  echo "Now using node ${process.version}"`,
    '}',
    '',
  ].join('\n'));
  return file;
}

function baseEnv(workDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) if (process.env[name] !== undefined) env[name] = process.env[name];
  const machinePath = (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '' && !dir.includes('node_modules'));
  return {
    ...env,
    PATH: [path.join(workDir, 'bin'), ...machinePath].join(path.delimiter),
    CI: 'true',
    // Installs come from this machine's npm cache and pnpm store; only what is missing is downloaded.
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    // A command the rehearsal does not replace must fail for lack of credentials, never reach an AWS account.
    AWS_CONFIG_FILE: path.join(workDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    [REHEARSAL_STATE_VARIABLE]: path.join(workDir, 'state'),
    BASH_ENV: writeNvmStandIn(workDir),
  };
}

function backendPids(stateDir: string): number[] {
  const file = path.join(stateDir, BACKEND_PIDS_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

async function stopBackends(stateDir: string): Promise<void> {
  const pids = backendPids(stateDir);
  for (const pid of pids) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + BACKEND_STOP_TIMEOUT_MS;
  while (pids.some(groupAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of pids) signalGroup(pid, 'SIGKILL');
}

function backendUrls(stateDir: string): string[] {
  const backends = path.join(stateDir, 'backends');
  if (!existsSync(backends)) return [];
  return readdirSync(backends, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'backend.log')
    .flatMap((file) => /local backend listening on (http:\/\/\S+)/.exec(readFileSync(path.join(backends, file), 'utf8'))?.[1] ?? []);
}

/** Whether any file of the app's client code contains `text` (the outputs are compiled into it). */
function clientCodeContains(baseDirectory: string, text: string): boolean {
  const staticDir = path.join(baseDirectory, 'static');
  if (!existsSync(staticDir)) return false;
  return readdirSync(staticDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .some((file) => readFileSync(path.join(staticDir, file), 'utf8').includes(text));
}

/** The outputs reach the apps at build time: an app's client code must carry the deployed backend's, not others. */
function assertBundledBackend(app: HostedApp, baseDirectory: string, outputsFile: string, ownerId: string): string {
  if (!existsSync(outputsFile)) throw new Error(`no backend was deployed for ${ownerId}: its build ran no \`npx ampx pipeline-deploy\``);
  const userPoolId = (JSON.parse(readFileSync(outputsFile, 'utf8')) as { auth?: { user_pool_id?: string } }).auth?.user_pool_id;
  if (!userPoolId) throw new Error(`the outputs of the backend deployed for ${ownerId} name no auth.user_pool_id`);
  if (!clientCodeContains(baseDirectory, userPoolId)) {
    throw new Error(`the client code of ${app.appRoot} does not contain the user pool id ${userPoolId} of the backend deployed for ${ownerId}: the build read other outputs`);
  }
  return userPoolId;
}

interface AppBuild {
  app: HostedApp;
  index: number;
  owner: HostedApp | undefined;
  commit: string;
  branch: string;
  env: NodeJS.ProcessEnv;
  workDir: string;
  options: RehearsalOptions;
  /** Called once the app's backend phases have run (the owner's backend is deployed). */
  onBackendDone?: () => void;
}

/** One Amplify app's build: a fresh clone, its phases in Hosting's order and shell, then its artifacts. */
async function rehearseApp({ app, index, owner, commit, branch, env, workDir, options, onBackendDone }: AppBuild): Promise<AppRehearsal> {
  const started = performance.now();
  const id = appId(app);
  const say = (line: string) => options.log?.(`[${path.basename(app.appRoot)}] ${line}`);
  const clone = path.join(workDir, `clone-${index}`);
  say(`Cloning ${commit.slice(0, 12)} (branch ${branch}) into ${clone}`);
  execFileSync('git', ['clone', '--quiet', '--no-checkout', options.repoRoot, clone]);
  execFileSync('git', ['-C', clone, 'checkout', '--quiet', '--detach', commit]);
  const appDir = path.join(clone, app.appRoot);
  if (!existsSync(appDir)) throw new Error(`appRoot ${app.appRoot} does not exist in commit ${commit.slice(0, 12)}`);
  const shellState = path.join(workDir, `shell-${index}`);
  mkdirSync(shellState);
  // `npm install -g` lands in the app's own prefix (first on PATH after the stand-ins), never in this
  // machine's: one per app, as each Hosting app builds in a container of its own.
  const globalPrefix = path.join(workDir, `npm-global-${index}`);
  const [standIns, ...machinePath] = (env['PATH'] ?? '').split(path.delimiter);
  const shell = new BuildShell({
    cwd: appDir,
    env: {
      ...env,
      PATH: [standIns, path.join(globalPrefix, 'bin'), ...machinePath].join(path.delimiter),
      npm_config_prefix: globalPrefix,
      AWS_APP_ID: id,
      AWS_BRANCH: branch,
      AWS_COMMIT_ID: commit,
      AMPLIFY_MONOREPO_APP_ROOT: app.appRoot,
      ...(owner && app !== owner ? { [BACKEND_APP_ID_VARIABLE]: appId(owner) } : {}),
      ...app.variables,
    },
    stateDir: shellState,
    log: say,
    timeoutMs: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for (const [section, phases] of [['Backend', app.backend], ['Frontend', app.frontend]] as const) {
    if (!phases) continue;
    for (const phase of PHASES) {
      if (phases[phase].length === 0) continue;
      say(`## ${section} ${phase}`);
      for (const command of phases[phase]) await shell.run(command);
    }
    if (section === 'Backend') onBackendDone?.();
  }
  const artifacts = await checkArtifacts({ appDir, repoRoot: clone, artifacts: app.artifacts });
  const bundledUserPoolId = owner
    ? assertBundledBackend(app, artifacts.baseDirectory, path.join(backendDir(path.join(workDir, 'state'), appId(owner), branch), 'amplify_outputs.json'), appId(owner))
    : undefined;
  const seconds = (performance.now() - started) / 1000;
  say(`Artifacts: ${artifacts.files} files in ${app.artifacts.baseDirectory}; built in ${seconds.toFixed(0)} s`);
  return { appRoot: app.appRoot, appId: id, seconds, artifacts, ...(bundledUserPoolId ? { bundledUserPoolId } : {}) };
}

/**
 * Rehearses the Amplify Hosting builds amplify.yml describes, offline: for each app, a fresh clone of the
 * current commit, its phases' commands run in order as Hosting runs them (the app owning the backend
 * first), with `npx ampx pipeline-deploy` / `generate outputs` replaced by the local backend, then the
 * artifacts checked. Everything started is stopped and everything written is removed at the end.
 */
export async function rehearseHosting(options: RehearsalOptions): Promise<RehearsalResult> {
  const started = performance.now();
  const commit = git(options.repoRoot, ['rev-parse', 'HEAD']);
  const currentBranch = git(options.repoRoot, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const branch = currentBranch === 'HEAD' ? 'main' : currentBranch;
  if (git(options.repoRoot, ['status', '--porcelain']) !== '') options.log?.(`Uncommitted changes are not part of the rehearsal: it builds commit ${commit.slice(0, 12)}.`);
  const spec = parseBuildSpec(git(options.repoRoot, ['show', `${commit}:amplify.yml`]));
  const owner = spec.find((app) => app.backend);
  const ordered = owner ? [owner, ...spec.filter((app) => app !== owner)] : spec;

  const workDir = mkdtempSync(path.join(tmpdir(), 'hosting-rehearsal-'));
  const stateDir = path.join(workDir, 'state');
  mkdirSync(stateDir);
  const env = baseEnv(workDir);
  writeNpxStandIn(path.join(workDir, 'bin'), realNpx(env['PATH'] ?? ''));
  const apps: AppRehearsal[] = [];
  let urls: string[] = [];
  try {
    // The owner's build first. The other apps' builds start once its backend is deployed, beside its
    // frontend build, as Hosting runs the builds of separate apps at the same time; before that, their
    // `npx ampx generate outputs` would find no stack. Without an owner, one after another.
    const [first, ...others] = ordered;
    if (first) {
      let backendDone: () => void = () => {};
      const deployed = new Promise<void>((resolve) => (backendDone = resolve));
      const firstBuild = rehearseApp({ app: first, index: 0, owner, commit, branch, env, workDir, options, onBackendDone: backendDone });
      // A failed owner build stops the others from waiting for a deployment that will not come.
      const ready = owner === first ? Promise.race([deployed, firstBuild.then(() => undefined)]) : firstBuild.then(() => undefined);
      const othersBuild = (async () => {
        const built: AppRehearsal[] = [];
        await ready;
        for (const [offset, app] of others.entries()) built.push(await rehearseApp({ app, index: offset + 1, owner, commit, branch, env, workDir, options }));
        return built;
      })();
      const [firstResult, otherResults] = await Promise.allSettled([firstBuild, othersBuild]);
      if (firstResult.status === 'rejected') throw firstResult.reason;
      if (otherResults.status === 'rejected') throw otherResults.reason;
      apps.push(firstResult.value, ...otherResults.value);
    }
  } finally {
    urls = backendUrls(stateDir);
    await stopBackends(stateDir);
    rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  }
  return { commit, branch, workDir, backendUrls: urls, apps, seconds: (performance.now() - started) / 1000 };
}
