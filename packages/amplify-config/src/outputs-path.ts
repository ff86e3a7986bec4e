import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where the apps read amplify_outputs.json at build time: `AMPLIFY_OUTPUTS` when set
 * (the end-to-end tests point it at their own backend), else the repository root,
 * where both `ampx sandbox` and the local backend write it.
 */
export function amplifyOutputsPath(): string {
  return path.resolve(process.env.AMPLIFY_OUTPUTS ?? path.join(repoRoot, 'amplify_outputs.json'));
}
