import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultRepoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

export const defaultPort = 20002;

/** `<repo root>/.local-backend`: gitignored, holds the database and the signing key. */
export function defaultDataDir(repoRoot: string): string {
  return join(repoRoot, '.local-backend');
}
