import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const OUTPUT_TAIL_LINES = 40;
const KILL_GRACE_MS = 5000;

class CommandFailedError extends Error {
  override name = 'CommandFailedError';
  constructor(
    readonly command: string,
    readonly reason: string,
    readonly outputTail: string[],
  ) {
    super(`\`${command}\` ${reason}${outputTail.length > 0 ? `; last lines:\n${outputTail.join('\n')}` : ''}`);
  }
}

interface BuildShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where the shell's state is handed from one command to the next. */
  stateDir: string;
  log: (line: string) => void;
  timeoutMs: number;
  signal?: AbortSignal;
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

function parseEnv(dump: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const entry of dump.split('\0')) {
    const separator = entry.indexOf('=');
    if (separator > 0) env[entry.slice(0, separator)] = entry.slice(separator + 1);
  }
  delete env['_'];
  return env;
}

/**
 * Runs an app's build commands as Amplify Hosting does: one bash session from the first command to the
 * last, so the working directory and exported variables a command leaves are the next one's
 * (amplify-hosting#546, #2485), each command echoed inside double quotes first (amplify.sh, #1337), and
 * the build stopped by the first command that fails.
 */
export class BuildShell {
  private cwd: string;
  private env: NodeJS.ProcessEnv;

  constructor(private readonly options: BuildShellOptions) {
    this.cwd = options.cwd;
    this.env = options.env;
  }

  async run(command: string): Promise<void> {
    if (this.options.signal?.aborted) throw new CommandFailedError(command, 'was not run: the build was stopped', []);
    const cwdFile = path.join(this.options.stateDir, 'cwd');
    const envFile = path.join(this.options.stateDir, 'env');
    rmSync(cwdFile, { force: true });
    rmSync(envFile, { force: true });
    const script = [
      `echo "# Executing command: ${command}"`,
      command,
      '__hosting_status=$?',
      `pwd > '${cwdFile}'`,
      `env -0 > '${envFile}'`,
      'exit $__hosting_status',
    ].join('\n');
    const started = performance.now();
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], {
      cwd: this.cwd,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const tail: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
        this.options.log(line);
      });
    }
    let stopped: string | undefined;
    const stop = (reason: string) => {
      stopped ??= reason;
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => stop(`did not finish within ${this.options.timeoutMs / 1000} s`), this.options.timeoutMs);
    const onAbort = () => stop('was stopped');
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    }).finally(() => {
      clearTimeout(timer);
      this.options.signal?.removeEventListener('abort', onAbort);
      // What a command left running in the background does not outlive it (nor keep its output open).
      signalGroup(child.pid, 'SIGKILL');
    });
    // A process that left the group can still hold the output open: stop reading it after a grace period.
    const grace = setTimeout(() => [child.stdout, child.stderr].forEach((stream) => stream.destroy()), KILL_GRACE_MS);
    await closed;
    clearTimeout(grace);
    this.options.log(`# Command took ${((performance.now() - started) / 1000).toFixed(1)} s: ${command}`);
    if (stopped) throw new CommandFailedError(command, stopped, tail);
    if (code !== 0) throw new CommandFailedError(command, signal ? `was killed by ${signal}` : `exited with code ${code}`, tail);
    // A command that ends the script itself (`exit 0`) leaves the state as it found it.
    if (existsSync(cwdFile) && existsSync(envFile)) {
      this.cwd = readFileSync(cwdFile, 'utf8').trimEnd();
      this.env = parseEnv(readFileSync(envFile, 'utf8'));
    }
  }
}
