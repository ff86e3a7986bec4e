import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTempBackend } from './temp-backend';

/**
 * Runs `build` with the amplify_outputs.json an app's build reads: `AMPLIFY_OUTPUTS`, or the
 * repository's own (what `pnpm dev` writes). In a fresh clone there is neither, so a temporary local
 * backend is started for the build and its outputs passed as `AMPLIFY_OUTPUTS` (what an app's build
 * measures does not depend on which backend it names).
 */
export async function withBuildOutputs(repoRoot: string, build: (outputs: Record<string, string>) => void): Promise<void> {
  if (process.env['AMPLIFY_OUTPUTS'] || existsSync(path.join(repoRoot, 'amplify_outputs.json'))) return build({});
  const backend = await startTempBackend({ prefix: 'measure-js-' });
  // Inside the repository (and gitignored): Turbopack reads the outputs alias only there.
  const outputsFile = path.join(repoRoot, '.local-backend', 'measure-js', 'amplify_outputs.json');
  try {
    mkdirSync(path.dirname(outputsFile), { recursive: true });
    writeFileSync(outputsFile, JSON.stringify(backend.outputs));
    console.log(`no amplify_outputs.json: building against a temporary local backend (${outputsFile})`);
    build({ AMPLIFY_OUTPUTS: outputsFile });
  } finally {
    await backend.stop();
    rmSync(path.dirname(outputsFile), { recursive: true, force: true });
  }
}
