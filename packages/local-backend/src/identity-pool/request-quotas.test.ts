import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import type { Clock } from '../shared/clock';
import { openDatabase, type SqliteDatabase } from '../shared/database';
import { loadPoolIds, type PoolIds } from '../shared/pool-ids';
import { createLocalServer } from '../shared/server';
import { callAws } from '../testing';
import { createUserPool } from '../user-pool';
import { createIdentityPool } from '.';

// The identity pool's request-rate quotas, with a clock that moves only when the test moves it,
// so the token buckets are refilled exactly as far as the test says; over HTTP, real SQLite.

let now = Date.parse('2026-01-05T10:00:00Z');
const clock: Clock = { now: () => new Date(now) };
let dataDir: string;
let db: SqliteDatabase;
let ids: PoolIds;
let url: string;
const server = createLocalServer(() => {});

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-backend-quotas-'));
  db = openDatabase(dataDir);
  ids = loadPoolIds(db);
  const synthesized = await synthesizeBackend();
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const context = { db, clock, log: () => {}, ids, dataDir, url };
  const userPool = createUserPool(context, synthesized);
  server.mount('/default', createIdentityPool(context, synthesized, userPool).handleHttp);
  server.mount('/two', createIdentityPool(context, synthesized, userPool, { GetId: 2 }).handleHttp);
  server.mount('/off', createIdentityPool(context, synthesized, userPool, false).handleHttp);
});
after(async () => {
  db?.close();
  await new Promise((resolve) => server.server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const getId = (pool: string) => callAws(`${url}/${pool}`, 'AWSCognitoIdentityService.GetId', { IdentityPoolId: ids.identityPoolId });
const getCredentials = (pool: string, identityId: string) => callAws(`${url}/${pool}`, 'AWSCognitoIdentityService.GetCredentialsForIdentity', { IdentityId: identityId });
const throttled = { status: 429, errorType: 'TooManyRequestsException', body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } };

/** The HTTP statuses of `count` calls made one after another. */
async function statuses(count: number, call: () => Promise<{ status: number }>): Promise<number[]> {
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) seen.push((await call()).status);
  return seen;
}

test("AWS's default quotas: 25 GetId and 200 GetCredentialsForIdentity a second, then TooManyRequestsException; each bucket refills with the clock", async () => {
  assert.deepEqual(await statuses(25, () => getId('default')), Array.from({ length: 25 }, () => 200));
  assert.deepEqual(await getId('default'), throttled);
  now += 40; // a twenty-fifth of a second: one more GetId
  assert.equal((await getId('default')).status, 200);
  assert.deepEqual(await getId('default'), throttled);

  const identityId = String((await getId('off')).body.IdentityId);
  assert.deepEqual(await statuses(200, () => getCredentials('default', identityId)), Array.from({ length: 200 }, () => 200), 'GetId being throttled does not touch this one');
  assert.deepEqual(await getCredentials('default', identityId), throttled);
  now += 1000;
  assert.equal((await getId('default')).status, 200);
  assert.equal((await getCredentials('default', identityId)).status, 200);
});

test('quotas given to startLocalBackend replace the defaults, and false turns them off', async () => {
  assert.deepEqual(await statuses(3, () => getId('two')), [200, 200, 429]);
  assert.deepEqual(await statuses(100, () => getId('off')), Array.from({ length: 100 }, () => 200));
});
