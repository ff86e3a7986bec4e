import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace';

/** The oldest Node major the repository supports: package.json's `engines.node` (`>=22`). */
function requiredMajor(): number {
  const { engines } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  return Number(/(\d+)/.exec(engines?.node ?? '')?.[1] ?? 0);
}

/**
 * One line when the Node running `pnpm dev` or `pnpm seed` is older than the repository
 * supports, else undefined. The AWS SDK would otherwise say it in eight lines in every seed
 * (`NodeVersionSupportWarning`), which the seed's environment switches off.
 */
export function nodeVersionNote(version = process.version, required = requiredMajor()): string | undefined {
  const major = Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
  if (major >= required) return undefined;
  return `Node ${version} is older than this repository supports (>=${required}, package.json engines), and the AWS SDK stops supporting it in January 2027: switch to Node ${required} or newer.`;
}
