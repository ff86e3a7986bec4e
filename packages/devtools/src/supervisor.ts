import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const colors = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m'];
const reset = '\x1b[0m';

export interface Supervised {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process and everything it started are gone. */
  exited: Promise<number>;
}

const groupPollMs = 50;
const forceKillAfterMs = 5000;

/**
 * Runs the processes of `pnpm dev` side by side, each line of their output
 * prefixed with their name, and stops them all together.
 */
export class Supervisor {
  private readonly processes: Supervised[] = [];
  private readonly width: number;
  private stopping = false;

  constructor(names: string[]) {
    this.width = Math.max(...names.map((name) => name.length));
  }

  log(name: string, line: string): void {
    const index = this.processes.findIndex((process) => process.name === name);
    const color = process.stdout.isTTY ? (colors[(index < 0 ? this.processes.length : index) % colors.length] ?? '') : '';
    const end = color ? reset : '';
    process.stdout.write(`${color}${name.padEnd(this.width)} │${end} ${line}\n`);
  }

  start(name: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void }): Supervised {
    // A restart racing Ctrl-C must not leave a process that stopAll never saw.
    if (this.stopping) throw new Error(`not starting the ${name}: stopping`);
    // detached: each child leads its own process group, so stopping reaches its grandchildren (next dev's workers) too
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const leaderExited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
    const supervised: Supervised = {
      name,
      child,
      // The leader can exit before its children (next dev's workers) have released their ports.
      exited: leaderExited.then(async (code) => {
        await groupGone(child);
        return code;
      }),
    };
    this.processes.push(supervised);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.log(name, line);
        options.onLine?.(line);
      });
    }
    child.on('error', (error) => this.log(name, `could not start: ${error.message}`));
    return supervised;
  }

  async stopAll(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const { child } of this.processes) signalGroup(child, 'SIGTERM');
    const forceKill = setTimeout(() => this.processes.forEach(({ child }) => signalGroup(child, 'SIGKILL')), forceKillAfterMs);
    await Promise.all(this.processes.map(({ exited }) => exited));
    clearTimeout(forceKill);
  }
}

/** Whether any process of the child's group is still alive. */
function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(child: ChildProcess): Promise<void> {
  while (groupAlive(child)) await new Promise((resolve) => setTimeout(resolve, groupPollMs));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
