import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { backendFingerprint } from './backend-fingerprint';
import { synthesizeBackend } from './index';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A copy of this repo's backend definition that tests may edit, using the installed packages. */
function scratchRepo(parent: string, name: string): string {
  const root = join(parent, name);
  mkdirSync(root);
  for (const file of ['package.json', 'tsconfig.base.json']) cpSync(join(REPO_ROOT, file), join(root, file));
  cpSync(join(REPO_ROOT, 'amplify'), join(root, 'amplify'), {
    recursive: true,
    filter: (source) => !source.endsWith('node_modules'),
  });
  symlinkSync(join(REPO_ROOT, 'amplify', 'node_modules'), join(root, 'amplify', 'node_modules'), 'dir');
  return root;
}

function addExamField(repoRoot: string, field: string): void {
  const path = join(repoRoot, 'amplify', 'data', 'resource.ts');
  const source = readFileSync(path, 'utf8');
  const edited = source.replace('date: a.date().required(),', `date: a.date().required(),\n      ${field}: a.string(),`);
  assert.notEqual(edited, source, 'the Exam model has moved: update this test');
  writeFileSync(path, edited);
}

const CONTEXT = { 'amplify-backend-namespace': 'exam-results', 'amplify-backend-name': 'test', 'amplify-backend-type': 'sandbox' };

describe('backendFingerprint', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'amplify-fingerprint-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('depends on what amplify/ holds and on the CDK context, not on where it lives', () => {
    const first = scratchRepo(scratch, 'first');
    const second = scratchRepo(scratch, 'second');
    const fingerprint = backendFingerprint(join(first, 'amplify'), CONTEXT);
    assert.equal(backendFingerprint(join(second, 'amplify'), CONTEXT), fingerprint);
    assert.notEqual(backendFingerprint(join(first, 'amplify'), { ...CONTEXT, 'amplify-backend-name': 'other' }), fingerprint);
    addExamField(second, 'room');
    assert.notEqual(backendFingerprint(join(second, 'amplify'), CONTEXT), fingerprint);
  });
});

describe('synthesizeBackend', () => {
  let scratch: string;
  let repoRoot: string;
  let cacheDir: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'amplify-synth-'));
    repoRoot = scratchRepo(scratch, 'repo');
    cacheDir = join(scratch, 'cache');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('two callers starting at once both get the backend, and the cache holds one complete assembly', async () => {
    const [first, second] = await Promise.all([
      synthesizeBackend({ repoRoot, cacheDir }),
      synthesizeBackend({ repoRoot, cacheDir }),
    ]);
    assert.equal(first.assemblyDir, second.assemblyDir);
    assert.deepEqual(readdirSync(cacheDir), [first.assemblyDir.slice(cacheDir.length + 1)]);
    assert.match(first.graphqlSchema, /^type Exam @aws_iam @aws_cognito_user_pools \{$/m);
    assert.equal(second.graphqlSchema, first.graphqlSchema);
    assert.ok(readdirSync(first.assemblyDir).includes('manifest.json'));
  });

  test('an unchanged amplify/ comes from the cache without synthesizing', async () => {
    const lines: string[] = [];
    const cached = await synthesizeBackend({ repoRoot, cacheDir, log: (line) => lines.push(line) });
    assert.deepEqual(lines, [`amplify/ unchanged: using the synthesized backend in ${cached.assemblyDir}`]);
    assert.equal(cached.passwordPolicy.minimumLength, 10);
  });

  test('a changed model is synthesized again; old assemblies and abandoned temp dirs are pruned', async () => {
    const [current] = readdirSync(cacheDir);
    const old = Date.now() / 1000 - 2 * 60 * 60;
    for (const name of ['older-1', 'older-2', 'older-3', '.tmp-abandoned-1-0']) {
      mkdirSync(join(cacheDir, name));
      utimesSync(join(cacheDir, name), old, old);
    }
    addExamField(repoRoot, 'room');
    const changed = await synthesizeBackend({ repoRoot, cacheDir });
    assert.match(changed.graphqlSchema, /^type Exam [^{]*\{[^}]*^ {2}room: String$/m);
    const kept = readdirSync(cacheDir).sort();
    assert.equal(kept.length, 3, `kept ${kept.join(', ')}`);
    assert.ok(kept.includes(changed.assemblyDir.slice(cacheDir.length + 1)));
    assert.ok(kept.includes(current ?? ''));
    assert.ok(!kept.includes('.tmp-abandoned-1-0'));
  });

  test('a failing amplify/backend.ts is reported with its stderr, and nothing is cached', async () => {
    const before = readdirSync(cacheDir).sort();
    writeFileSync(join(repoRoot, 'amplify', 'backend.ts'), "throw new Error('backend.ts is broken on purpose');\n");
    await assert.rejects(synthesizeBackend({ repoRoot, cacheDir }), (error: Error) => {
      assert.match(error.message, /^Synthesizing .*backend\.ts failed: the child process exited with code 1\./);
      assert.match(error.message, /backend\.ts is broken on purpose/);
      return true;
    });
    assert.deepEqual(readdirSync(cacheDir).sort(), before);
  });
});
