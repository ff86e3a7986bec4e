import { spawn } from 'node:child_process';
import { join } from 'node:path';

const STDERR_TAIL_LINES = 40;

export interface SynthRun {
  repoRoot: string;
  outDir: string;
  context: Record<string, string>;
}

/**
 * Runs amplify/backend.ts the way `ampx sandbox` loads it (through tsx, with the sandbox
 * CDK context) in a child process, so the CDK app's memory never lands in the caller.
 * The Amplify backend synthesizes into CDK_OUTDIR when the process exits.
 */
export function runSynth({ repoRoot, outDir, context }: SynthRun): Promise<void> {
  const backendEntry = join(repoRoot, 'amplify', 'backend.ts');
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), backendEntry], {
    cwd: repoRoot,
    env: { ...process.env, CDK_OUTDIR: outDir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-64 * 1024);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const tail = stderr.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
      const status = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`Synthesizing ${backendEntry} failed: the child process ${status}.\n${tail}`));
    });
  });
}
