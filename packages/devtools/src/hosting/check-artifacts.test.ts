import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ArtifactsError, checkArtifacts } from './check-artifacts';

const NEXT_ARTIFACTS = { baseDirectory: '.next', files: ['**/*'] };

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A repository with next 16.4.6 installed and an app whose `next build` left a traced server page. */
function nextApp(repo: string, declaredNext: string): string {
  write(path.join(repo, 'node_modules/next/package.json'), JSON.stringify({ name: 'next', version: '16.4.6' }));
  write(path.join(repo, 'node_modules/next/dist/server/next-server.js'), '');
  const app = path.join(repo, 'apps/web');
  write(path.join(app, 'package.json'), JSON.stringify({ name: 'web', dependencies: { next: declaredNext } }));
  write(path.join(app, '.next/BUILD_ID'), 'build-1');
  write(path.join(app, '.next/server/app/page.js'), '');
  write(path.join(app, '.next/server/app/page.js.nft.json'), JSON.stringify({ version: 1, files: ['../../../../../node_modules/next/dist/server/next-server.js'] }));
  return app;
}

async function problems(appDir: string, repoRoot: string, artifacts = NEXT_ARTIFACTS): Promise<string> {
  const error = await checkArtifacts({ appDir, repoRoot, artifacts }).then(
    () => assert.fail('the artifacts were accepted'),
    (rejection: unknown) => rejection,
  );
  assert.ok(error instanceof ArtifactsError, String(error));
  return error.message;
}

describe('checkArtifacts', () => {
  let scratch: string;
  let repo: string;
  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'check-artifacts-'));
  });
  beforeEach(() => {
    repo = mkdtempSync(path.join(scratch, 'repo-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('accepts a Next.js build whose package.json names the installed next and whose traces resolve', async () => {
    const app = nextApp(repo, '16.4.6');
    assert.deepEqual(await checkArtifacts({ appDir: app, repoRoot: repo, artifacts: NEXT_ARTIFACTS }), {
      baseDirectory: path.join(app, '.next'),
      files: 3,
      nextVersion: '16.4.6',
    });
  });

  test('a next version Hosting cannot read, or one that is not installed, is refused', async () => {
    assert.match(await problems(nextApp(repo, 'catalog:'), repo), /declares next as "catalog:", which Hosting cannot read as a version \(amplify-hosting#4037\); the installed one is 16\.4\.6/);
    const other = mkdtempSync(path.join(scratch, 'repo-'));
    assert.match(await problems(nextApp(other, '16.0.0'), other), /declares next 16\.0\.0 but 16\.4\.6 is installed/);
  });

  test('symlinks in the artifacts are refused (amplify-hosting#4074)', async () => {
    const app = nextApp(repo, '16.4.6');
    mkdirSync(path.join(app, '.next/node_modules'));
    symlinkSync(path.join(repo, 'node_modules/next'), path.join(app, '.next/node_modules/next-0123456789abcdef'));
    assert.match(await problems(app, repo), /symlinks in the artifacts, which Hosting cannot bundle: node_modules\/next-0123456789abcdef/);
  });

  test("server traces that are missing or inside pnpm's virtual store are refused (amplify-hosting#3467)", async () => {
    const app = nextApp(repo, '16.4.6');
    write(path.join(repo, 'node_modules/.pnpm/react@19.3.1/node_modules/react/index.js'), '');
    write(
      path.join(app, '.next/server/app/other/page.js.nft.json'),
      JSON.stringify({ version: 1, files: ['../../../../../../node_modules/.pnpm/react@19.3.1/node_modules/react/index.js', '../../../../../../node_modules/gone/index.js'] }),
    );
    const message = await problems(app, repo);
    assert.match(message, /files the server traces name but the build does not have: node_modules\/gone\/index\.js/);
    assert.match(message, /server files traced inside pnpm's symlinked store \(use the hoisted node-linker\): node_modules\/\.pnpm\/react@19\.3\.1/);
  });

  test('a Next.js app without BUILD_ID was not built for production', async () => {
    const app = nextApp(repo, '16.4.6');
    rmSync(path.join(app, '.next/BUILD_ID'));
    assert.match(await problems(app, repo), /has no BUILD_ID: it is not the output of next build/);
  });

  test('any app: the base directory must exist inside the repository and every files pattern must match', async () => {
    const app = path.join(repo, 'apps/site');
    write(path.join(app, 'package.json'), JSON.stringify({ name: 'site' }));
    assert.match(await problems(app, repo, { baseDirectory: 'dist', files: ['**/*'] }), /the build left no directory dist in .*apps\/site/);
    assert.match(await problems(app, repo, { baseDirectory: '../../..', files: ['**/*'] }), /artifacts\.baseDirectory \.\.\/\.\.\/\.\. is outside the repository/);
    write(path.join(app, 'dist/index.html'), '<html></html>');
    assert.match(await problems(app, repo, { baseDirectory: 'dist', files: ['**/*.html', '**/*.css'] }), /pattern \*\*\/\*\.css matches nothing/);
    assert.deepEqual(await checkArtifacts({ appDir: app, repoRoot: repo, artifacts: { baseDirectory: 'dist', files: ['**/*'] } }), {
      baseDirectory: path.join(app, 'dist'),
      files: 1,
    });
  });
});
