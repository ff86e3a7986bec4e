import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendFingerprint } from './backend-fingerprint';
import { readAssembly, type SynthesizedBackend } from './read-assembly';
import { runSynth } from './run-synth';
import { sandboxContext, sandboxIdentifier } from './sandbox-identifier';

export interface SynthesizeOptions {
  /** The directory holding amplify/ and the root package.json. Defaults to this monorepo. */
  repoRoot?: string;
  /** Where synthesized assemblies are kept. Defaults to `<repoRoot>/.amplify/local-synth`. */
  cacheDir?: string;
  log?: (line: string) => void;
}

const KEPT_ASSEMBLIES = 3;
const STALE_TEMP_MS = 60 * 60 * 1000;
const TEMP_PREFIX = '.tmp-';

function isAlreadyThere(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM';
}

/** Keeps the most recent assemblies and drops temp dirs left by killed syntheses. */
function prune(cacheDir: string, keep: string): void {
  const now = Date.now();
  const entries = readdirSync(cacheDir).map((name) => ({ name, mtime: statSync(join(cacheDir, name)).mtimeMs }));
  const stale = [
    ...entries.filter((e) => e.name.startsWith(TEMP_PREFIX) && now - e.mtime > STALE_TEMP_MS),
    ...entries
      .filter((e) => !e.name.startsWith(TEMP_PREFIX) && e.name !== keep)
      .sort((a, b) => b.mtime - a.mtime)
      .slice(KEPT_ASSEMBLIES - 1),
  ];
  for (const entry of stale) rmSync(join(cacheDir, entry.name), { recursive: true, force: true });
}

/**
 * Synthesizes amplify/ exactly as `ampx sandbox` does before it deploys, without AWS
 * credentials or network, and returns what the synthesized backend is made of.
 * Results are cached by a fingerprint of amplify/, so an unchanged backend costs milliseconds.
 */
export async function synthesizeBackend(options: SynthesizeOptions = {}): Promise<SynthesizedBackend> {
  const repoRoot = options.repoRoot ?? fileURLToPath(new URL('../../..', import.meta.url));
  const cacheDir = options.cacheDir ?? join(repoRoot, '.amplify', 'local-synth');
  const log = options.log ?? (() => {});
  const context = sandboxContext(sandboxIdentifier(repoRoot));
  const fingerprint = backendFingerprint(join(repoRoot, 'amplify'), context);
  const assemblyDir = join(cacheDir, fingerprint);

  if (existsSync(assemblyDir)) {
    log(`amplify/ unchanged: using the synthesized backend in ${assemblyDir}`);
    return readAssembly(assemblyDir);
  }

  log('synthesizing amplify/ as `ampx sandbox` would (takes ~10 s) ...');
  const started = Date.now();
  mkdirSync(cacheDir, { recursive: true });
  // Synthesize beside the cache entry and rename it into place: readers never see a
  // half-written assembly, and when two processes race the first rename wins.
  const tempDir = join(cacheDir, `${TEMP_PREFIX}${fingerprint}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await runSynth({ repoRoot, outDir: tempDir, context });
    readAssembly(tempDir);
    try {
      renameSync(tempDir, assemblyDir);
    } catch (error) {
      if (!isAlreadyThere(error) || !existsSync(assemblyDir)) throw error;
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  prune(cacheDir, fingerprint);
  log(`synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s into ${assemblyDir}`);
  return readAssembly(assemblyDir);
}
