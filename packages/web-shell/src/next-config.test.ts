import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { nextConfig } from './next-config';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const studentApp = path.join(repoRoot, 'apps/student');
const { AMPLIFY_OUTPUTS, NEXT_DIST_DIR } = process.env;

describe('nextConfig', () => {
  afterEach(() => {
    delete process.env.AMPLIFY_OUTPUTS;
    delete process.env.NEXT_DIST_DIR;
    Object.assign(process.env, AMPLIFY_OUTPUTS === undefined ? {} : { AMPLIFY_OUTPUTS }, NEXT_DIST_DIR === undefined ? {} : { NEXT_DIST_DIR });
  });

  it('aliases @amplify-outputs to the outputs at the repository root, as a path from the app', () => {
    delete process.env.AMPLIFY_OUTPUTS;
    delete process.env.NEXT_DIST_DIR;
    const config = nextConfig(studentApp);
    assert.deepEqual(config.turbopack, { root: repoRoot, resolveAlias: { '@amplify-outputs': './../../amplify_outputs.json' } });
    assert.equal(config.distDir, '.next');
    assert.equal(config.typescript?.ignoreBuildErrors, false);
  });

  it('leaves the type check to `pnpm typecheck` only when NEXT_BUILD_TYPECHECKED=1, as the browser tests build', (t) => {
    t.after(() => delete process.env.NEXT_BUILD_TYPECHECKED);
    process.env.NEXT_BUILD_TYPECHECKED = '1';
    assert.equal(nextConfig(studentApp).typescript?.ignoreBuildErrors, true);
  });

  it('follows AMPLIFY_OUTPUTS and NEXT_DIST_DIR, as the end-to-end tests set them', () => {
    process.env.AMPLIFY_OUTPUTS = path.join(repoRoot, '.local-backend/e2e/amplify_outputs.json');
    process.env.NEXT_DIST_DIR = '.next-e2e';
    const config = nextConfig(studentApp);
    assert.deepEqual(config.turbopack?.resolveAlias, { '@amplify-outputs': './../../.local-backend/e2e/amplify_outputs.json' });
    assert.equal(config.distDir, '.next-e2e');
  });
});
