/**
 * The JS each route of the teacher app loads first, gzip -9, as shared/notes/next-bundle-size.md
 * measures it: the build's rootMainFiles plus the route's entryJSFiles from its client reference
 * manifest (noModule polyfills left out). Builds into .next-measure first unless --no-build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { withBuildOutputs } from '@exam-results/local-backend/testing';


const appDir = path.resolve(import.meta.dirname, '..');
const distDir = path.join(appDir, '.next-measure');
const ROUTES = ['/page', '/exams/[id]/page'];


if (!process.argv.includes('--no-build')) {
  await withBuildOutputs(path.resolve(appDir, '../..'), (outputs) =>
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
