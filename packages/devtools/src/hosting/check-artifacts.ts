import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { glob } from 'tinyglobby';

export interface ArtifactsReport {
  /** The artifacts directory, absolute. */
  baseDirectory: string;
  /** Files the `artifacts.files` patterns select. */
  files: number;
  /** For a Next.js app, the version Hosting reads from the app's package.json. */
  nextVersion?: string;
}

export class ArtifactsError extends Error {
  override name = 'ArtifactsError';
}

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const LISTED_PROBLEMS = 5;

function walk(dir: string, visit: (file: string, isSymlink: boolean) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) visit(file, true);
    else if (entry.isDirectory()) walk(file, visit);
    else visit(file, false);
  }
}

function listed(what: string, items: string[], root: string): string {
  const shown = items.slice(0, LISTED_PROBLEMS).map((item) => path.relative(root, item));
  return `${what}: ${shown.join(', ')}${items.length > LISTED_PROBLEMS ? ` and ${items.length - LISTED_PROBLEMS} more` : ''}`;
}

/**
 * What Amplify Hosting needs from a Next.js (WEB_COMPUTE) build: a production build, no symlinks in the
 * artifacts (its bundler fails on the ones Turbopack can leave in .next/node_modules, amplify-hosting#4074),
 * and server traces whose files exist outside pnpm's symlinked virtual store, since Hosting copies the
 * traced files into the compute bundle (amplify-hosting#3467, #3786).
 */
function nextProblems(baseDirectory: string, repoRoot: string): string[] {
  const problems: string[] = [];
  if (!existsSync(path.join(baseDirectory, 'BUILD_ID'))) problems.push(`${baseDirectory} has no BUILD_ID: it is not the output of next build`);
  const symlinks: string[] = [];
  const traces: string[] = [];
  walk(baseDirectory, (file, isSymlink) => {
    if (isSymlink) symlinks.push(file);
    else if (file.endsWith('.nft.json')) traces.push(file);
  });
  if (symlinks.length > 0) problems.push(listed('symlinks in the artifacts, which Hosting cannot bundle', symlinks, baseDirectory));
  const missing = new Set<string>();
  const inVirtualStore = new Set<string>();
  for (const trace of traces) {
    const { files } = JSON.parse(readFileSync(trace, 'utf8')) as { files: string[] };
    for (const file of files.map((name) => path.resolve(path.dirname(trace), name))) {
      if (!existsSync(file)) missing.add(file);
      if (file.split(path.sep).join('/').includes('/node_modules/.pnpm/')) inVirtualStore.add(file);
    }
  }
  if (missing.size > 0) problems.push(listed('files the server traces name but the build does not have', [...missing], repoRoot));
  if (inVirtualStore.size > 0) problems.push(listed("server files traced inside pnpm's symlinked store (use the hoisted node-linker)", [...inVirtualStore], repoRoot));
  return problems;
}

/** The version of next Hosting reads from the app's package.json, which must be the installed one, written out. */
function nextVersionProblems(appDir: string, declared: string): string[] {
  const installed = (JSON.parse(readFileSync(createRequire(path.join(appDir, 'package.json')).resolve('next/package.json'), 'utf8')) as { version: string }).version;
  if (!EXACT_VERSION.test(declared)) {
    return [`package.json of ${appDir} declares next as "${declared}", which Hosting cannot read as a version (amplify-hosting#4037); the installed one is ${installed}`];
  }
  return declared === installed ? [] : [`package.json of ${appDir} declares next ${declared} but ${installed} is installed`];
}

/** Checks what an app's build left where `artifacts` says Hosting will take it from; throws with every problem found. */
export async function checkArtifacts(options: {
  appDir: string;
  repoRoot: string;
  artifacts: { baseDirectory: string; files: string[] };
}): Promise<ArtifactsReport> {
  const { appDir, repoRoot, artifacts } = options;
  const baseDirectory = path.resolve(appDir, artifacts.baseDirectory);
  if (path.relative(repoRoot, baseDirectory).startsWith('..')) throw new ArtifactsError(`artifacts.baseDirectory ${artifacts.baseDirectory} is outside the repository`);
  if (!existsSync(baseDirectory) || !lstatSync(baseDirectory).isDirectory()) {
    throw new ArtifactsError(`the build left no directory ${artifacts.baseDirectory} in ${appDir} (artifacts.baseDirectory)`);
  }
  const problems: string[] = [];
  let files = 0;
  for (const pattern of artifacts.files) {
    const matches = await glob(pattern, { cwd: baseDirectory, dot: true, onlyFiles: true });
    if (matches.length === 0) problems.push(`artifacts.files pattern ${pattern} matches nothing in ${baseDirectory}`);
    files += matches.length;
  }
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const declaredNext = manifest.dependencies?.['next'];
  if (declaredNext !== undefined) problems.push(...nextVersionProblems(appDir, declaredNext), ...nextProblems(baseDirectory, repoRoot));
  if (problems.length > 0) throw new ArtifactsError(`the artifacts of ${appDir} are not what Amplify Hosting can deploy:\n- ${problems.join('\n- ')}`);
  return { baseDirectory, files, ...(declaredNext !== undefined ? { nextVersion: declaredNext } : {}) };
}
