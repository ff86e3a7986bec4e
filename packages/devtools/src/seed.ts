/**
 * `pnpm seed`: runs amplify/seed/seed.ts against the running local backend, as
 * `npx ampx sandbox seed` runs it against a cloud sandbox. `pnpm dev` runs it on a first start.
 * `--data-dir` and `--outputs` as for `pnpm dev`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoTeacherEmail } from './demo-teacher';
import { nodeVersionNote } from './node-version';
import { seedProcess } from './seed-run';
import { repoRoot } from './workspace';

const fromCaller = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: path.join(repoRoot, '.local-backend') },
      outputs: { type: 'string', default: path.join(repoRoot, 'amplify_outputs.json') },
    },
  });
  const note = nodeVersionNote();
  if (note) console.warn(note);
  const dataDir = fromCaller(values['data-dir']);
  const seed = seedProcess({ dataDir, outputsPath: fromCaller(values.outputs) });
  const child = spawn(seed.command, seed.args, { cwd: seed.cwd, env: { ...process.env, ...seed.env }, stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  if (code !== 0) throw new Error(`amplify/seed/seed.ts failed (exit code ${code})`);
  console.log(`the demo teacher signs in as ${demoTeacherEmail} / ${seed.env.DEMO_TEACHER_PASSWORD ?? ''}`);
}

main().catch((error: unknown) => {
  console.error(`pnpm seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
