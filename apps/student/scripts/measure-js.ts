/**
 * What each route of the last production build costs the browser in JS, as
 * ../../shared/notes/next-bundle-size.md measures it: the gzip -9 size of the framework's
 * root files plus the route's own entry files (layout and page), from Next's manifests.
 * `pnpm --filter @exam-results/student measure:js` builds first (`--no-build`: measures the last build),
 * then prints the figures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { withBuildOutputs } from '@exam-results/local-backend/testing';


const appDir = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(appDir, process.env.NEXT_DIST_DIR ?? '.next');

if (!process.argv.includes('--no-build')) {
  await withBuildOutputs(path.resolve(appDir, '../..'), (outputs) =>
    execFileSync('pnpm', ['exec', 'next', 'build'], { cwd: appDir, stdio: 'inherit', env: { ...process.env, ...outputs, NEXT_TELEMETRY_DISABLED: '1' } }),
  );
}
const routes = [
  { route: '/', dir: '' },
  { route: '/exams/[id]', dir: 'exams/[id]' },
];

const gzipKb = (file: string) => gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length / 1000;
const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipKb(file), 0);

const { rootMainFiles } = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
const framework = sum(rootMainFiles);

function routeFiles(dir: string): Set<string> {
  const manifest = path.join(distDir, 'server/app', dir, 'page_client-reference-manifest.js');
  const sandbox: { self: Record<string, unknown>; globalThis?: unknown } = { self: {} };
  sandbox.globalThis = sandbox.self;
  runInNewContext(readFileSync(manifest, 'utf8'), sandbox);
  const manifests = (sandbox.self['__RSC_MANIFEST'] ?? {}) as Record<string, { entryJSFiles: Record<string, string[]> }>;
  const files = new Set<string>();
  for (const { entryJSFiles } of Object.values(manifests)) for (const list of Object.values(entryJSFiles)) for (const file of list) files.add(file);
  for (const file of rootMainFiles) files.delete(file);
  return files;
}

console.log(`JS per route, gzip -9 (${path.relative(process.cwd(), distDir) || '.'}):`);
console.log(`  framework (rootMainFiles): ${framework.toFixed(1)} kB`);
for (const { route, dir } of routes) {
  const own = sum(routeFiles(dir));
  console.log(`  ${route.padEnd(12)} total ${(framework + own).toFixed(1)} kB  (route's own ${own.toFixed(1)} kB)`);
}
