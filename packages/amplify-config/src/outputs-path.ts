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

/**
 * The `@amplify-outputs` alias for an app's Turbopack config. Turbopack reads an
 * absolute alias as relative to its root and resolves nothing outside the
 * repository, so the alias is a ./ path from the app to a file inside it.
 */
export function amplifyOutputsAlias(appDir: string): { root: string; resolveAlias: Record<string, string> } {
  const outputs = amplifyOutputsPath();
  if (path.relative(repoRoot, outputs).startsWith('..')) {
    throw new Error(`AMPLIFY_OUTPUTS=${outputs}: Turbopack cannot read files outside ${repoRoot}; put the outputs inside the repository`);
  }
  return { root: repoRoot, resolveAlias: { '@amplify-outputs': `./${path.relative(appDir, outputs)}` } };
}
