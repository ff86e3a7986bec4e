/**
 * The JS each route of the teacher app loads first, gzip -9, as shared/notes/next-bundle-size.md
 * measures it: the build's rootMainFiles plus the route's entryJSFiles from its client reference
 * manifest (noModule polyfills left out). Builds into .next-measure first unless --no-build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

const appDir = path.resolve(import.meta.dirname, '..');
const distDir = path.join(appDir, '.next-measure');
const ROUTES = ['/page', '/exams/[id]/page'];


/**
 * The amplify_outputs.json the build reads: `AMPLIFY_OUTPUTS`, or the repository's own (what `pnpm dev`
 * writes). In a fresh clone there is neither, so a temporary local backend is started for the build
 * and its outputs used (the JS measured does not depend on which backend it names).
 */
async function withOutputs(repoRoot: string, build: (outputs: Record<string, string>) => void): Promise<void> {
  if (process.env.AMPLIFY_OUTPUTS || existsSync(path.join(repoRoot, 'amplify_outputs.json'))) return build({});
  const { startTempBackend } = await import('@exam-results/local-backend/testing');
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

if (!process.argv.includes('--no-build')) {
  await withOutputs(path.resolve(appDir, '../..'), (outputs) =>
    execFileSync('pnpm', ['exec', 'next', 'build'], {
      cwd: appDir,
      stdio: 'inherit',
      env: { ...process.env, ...outputs, NEXT_DIST_DIR: '.next-measure', NEXT_TELEMETRY_DISABLED: '1' },
    }),
  );
}

const { rootMainFiles } = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };

function entryFiles(route: string): string[] {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } };
  runInNewContext(readFileSync(path.join(distDir, 'server/app', `${route}_client-reference-manifest.js`), 'utf8'), sandbox);
  const manifest = sandbox.globalThis.__RSC_MANIFEST?.[route];
  if (!manifest) throw new Error(`no client reference manifest for ${route}`);
  const routeDir = route.replace(/\/page$/, '');
  return Object.entries(manifest.entryJSFiles)
    .filter(([entry]) => entry.endsWith('/src/app/layout') || entry.endsWith(`/src/app${routeDir}/page`))
    .flatMap(([, files]) => files);
}

const gzipKb = (file: string) => gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length / 1000;
const framework = rootMainFiles.reduce((sum, file) => sum + gzipKb(file), 0);

console.log('route               first-load JS (gzip -9)   of which framework (rootMainFiles)');
for (const route of ROUTES) {
  const files = new Set([...rootMainFiles, ...entryFiles(route)]);
  const total = [...files].reduce((sum, file) => sum + gzipKb(file), 0);
  const name = route === '/page' ? '/' : route.replace(/\/page$/, '');
  console.log(`${name.padEnd(20)}${`${total.toFixed(1)} kB`.padEnd(26)}${framework.toFixed(1)} kB`);
}
