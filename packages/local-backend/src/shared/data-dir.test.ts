import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startLocalBackend } from '../index';

// The data directory holds credential secrets, SRP verifiers and the signing key.

const root = mkdtempSync(join(tmpdir(), 'local-backend-data-dir-'));
after(() => rmSync(root, { recursive: true, force: true }));

function modes(dataDir: string): Record<string, string> {
  const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
  return Object.fromEntries([['.', mode(dataDir)], ...readdirSync(dataDir).map((name) => [name, mode(join(dataDir, name))])]);
}

async function startAndStop(dataDir: string): Promise<void> {
  const backend = await startLocalBackend({ port: 0, dataDir, outputsFile: join(root, 'amplify_outputs.json'), log: () => undefined });
  // A write, so the database has a -wal and a -shm beside it.
  await fetch(backend.identityPoolEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
    body: JSON.stringify({ IdentityPoolId: backend.ids.identityPoolId }),
  });
  const running = modes(dataDir);
  await backend.stop();
  assert.ok(['local-backend.sqlite', 'local-backend.sqlite-wal', 'local-backend.sqlite-shm', 'signing-key.pem'].every((name) => name in running), JSON.stringify(running));
  assert.deepEqual(running, Object.fromEntries(Object.keys(running).map((name) => [name, name === '.' ? '700' : '600'])));
}

test('from the first start the data directory is 0700 and the database, its -wal and -shm and the signing key 0600, whatever the umask', async () => {
  const previous = process.umask(0o022);
  try {
    await startAndStop(join(root, 'fresh', 'data'));
  } finally {
    process.umask(previous);
  }
});

test('an existing install left readable by others is corrected at start', async () => {
  const dataDir = join(root, 'older');
  await startAndStop(dataDir);
  writeFileSync(join(dataDir, 'notes.json'), '{}', { mode: 0o644 });
  for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
  chmodSync(dataDir, 0o755);
  await startAndStop(dataDir);
});
