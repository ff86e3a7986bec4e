import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const colors = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m'];
const reset = '\x1b[0m';

export interface Supervised {
  name: string;
  child: ChildProcess;
  exited: Promise<number>;
}

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
    // detached: each child leads its own process group, so stopping reaches its grandchildren (next dev's workers) too
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const supervised: Supervised = {
      name,
      child,
      exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))),
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
    const running = this.processes.filter(({ child }) => child.exitCode === null && child.signalCode === null);
    for (const { child } of running) signalGroup(child, 'SIGTERM');
    const forceKill = setTimeout(() => running.forEach(({ child }) => signalGroup(child, 'SIGKILL')), 5000);
    await Promise.all(running.map(({ exited }) => exited));
    clearTimeout(forceKill);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
