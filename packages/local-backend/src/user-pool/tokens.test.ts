import assert from 'node:assert/strict';
import { createPublicKey, createSign, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLocalBackend } from '../index';
import { defaultRepoRoot } from '../shared/paths';
import { callAws, signInUser, startTempBackend, type TempBackend } from '../testing';
import { openUserPoolAdmin } from '.';

let t: TempBackend;
let accessToken: string;
let idToken: string;

before(async () => {
  t = await startTempBackend();
  const user = await signInUser(t, 'tokens@school.example', { password: 'Token-Tester-1' });
  accessToken = await user.accessToken();
  idToken = await user.idToken();
});
after(async () => {
  await t?.stop();
});

function segments(token: string): [string, string, string] {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return [header, payload, signature];
}

function decode(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function withFlippedSignatureByte(token: string): string {
  const [header, payload, signature] = segments(token);
  const bytes = Buffer.from(signature, 'base64url');
  bytes[17] = (bytes[17] ?? 0) ^ 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

function signedWithAnotherKey(token: string): string {
  const [header, payload] = segments(token);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

function withPayload(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = segments(token);
  const changed = Buffer.from(JSON.stringify({ ...decode(payload), ...change })).toString('base64url');
  return `${header}.${changed}.${signature}`;
}

async function getUser(token: string) {
  return callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.GetUser', { AccessToken: token });
}

async function getId(token: string) {
  const provider = String(decode(segments(idToken)[1]).iss).replace(/^http:\/\//, '');
  return callAws(t.backend.identityPoolEndpoint, 'AWSCognitoIdentityService.GetId', {
    IdentityPoolId: t.backend.ids.identityPoolId,
    Logins: { [provider]: token },
  });
}

test('tokens carry the claims Cognito issues', () => {
  const access = decode(segments(accessToken)[1]);
  const id = decode(segments(idToken)[1]);
  const issuer = `${t.backend.url}/${t.backend.ids.userPoolId}`;
  assert.equal(access.token_use, 'access');
  assert.equal(access.client_id, t.backend.ids.userPoolClientId);
  assert.equal(access.iss, issuer);
  assert.equal(access.username, access.sub);
  assert.equal(access.scope, 'aws.cognito.signin.user.admin');
  assert.equal(id.token_use, 'id');
  assert.equal(id.aud, t.backend.ids.userPoolClientId);
  assert.equal(id.iss, issuer);
  assert.equal(id['cognito:username'], id.sub);
  assert.equal(id.email, 'tokens@school.example');
  assert.equal(id.email_verified, true);
  for (const claims of [access, id]) {
    assert.equal(claims.exp, Number(claims.iat) + 3600);
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal(typeof claims.jti, 'string');
    assert.equal(claims.origin_jti, access.origin_jti);
  }
  assert.notEqual(access.jti, id.jti);
  assert.deepEqual(decode(segments(accessToken)[0]).alg, 'RS256');
});

test('the published JWKS verifies the tokens the backend signs', async () => {
  for (const path of ['/.well-known/jwks.json', `/${t.backend.ids.userPoolId}/.well-known/jwks.json`]) {
    const jwks = (await (await fetch(`${t.backend.url}${path}`)).json()) as { keys: { kid: string; alg: string }[] };
    const [header, payload, signature] = segments(accessToken);
    const key = jwks.keys.find((candidate) => candidate.kid === decode(header).kid);
    assert.ok(key);
    assert.equal(key.alg, 'RS256');
    const publicKey = createPublicKey({ key, format: 'jwk' });
    assert.equal(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')), true);
  }
});

test('the genuine tokens are accepted', async () => {
  assert.equal((await getUser(accessToken)).status, 200);
  assert.equal((await getId(idToken)).status, 200);
});

test('a token with one flipped signature byte is rejected', async () => {
  assert.equal((await getUser(withFlippedSignatureByte(accessToken))).body.message, 'Invalid Access Token');
  const identity = await getId(withFlippedSignatureByte(idToken));
  assert.equal(identity.errorType, 'NotAuthorizedException');
  assert.equal(identity.body.message, "Invalid login token. Couldn't verify signed token.");
});

/** The same signature bytes spelled another way: a padded, a spaced and a non-canonical last character. */
function respelledSignatures(token: string): string[] {
  const [header, payload, signature] = segments(token);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // 256 signature bytes take 342 characters; the last one carries two unused low bits.
  const last = alphabet.indexOf(signature.at(-1) ?? '');
  const spellings = [`${signature}==`, `${signature.slice(0, 100)} ${signature.slice(100)}`, `${signature.slice(0, -1)}${alphabet[last ^ 1]}`];
  for (const spelling of spellings) assert.ok(Buffer.from(spelling, 'base64url').equals(Buffer.from(signature, 'base64url')));
  return spellings.map((spelling) => `${header}.${payload}.${spelling}`);
}

test('a token whose signature is spelled other than canonically is rejected, though its bytes verify', async () => {
  for (const respelled of respelledSignatures(accessToken)) {
    assert.equal((await getUser(respelled)).body.message, 'Invalid Access Token');
  }
  for (const respelled of respelledSignatures(idToken)) {
    assert.equal((await getId(respelled)).body.message, "Invalid login token. Couldn't verify signed token.");
  }
});

test('a token signed by another key is rejected', async () => {
  assert.equal((await getUser(signedWithAnotherKey(accessToken))).body.message, 'Invalid Access Token');
  assert.equal((await getId(signedWithAnotherKey(idToken))).body.message, "Invalid login token. Couldn't verify signed token.");
});

test('a token whose claims were edited is rejected', async () => {
  const later = Number(decode(segments(accessToken)[1]).exp) + 86400;
  assert.equal((await getUser(withPayload(accessToken, { exp: later }))).body.message, 'Invalid Access Token');
  assert.equal((await getId(withPayload(idToken, { sub: '00000000-0000-0000-0000-000000000000' }))).status, 400);
});

test('an id token is not an access token, and an access token is not an id token', async () => {
  assert.equal((await getUser(idToken)).body.message, 'Invalid Access Token');
  assert.equal((await getId(accessToken)).body.message, "Invalid login token. Couldn't verify signed token.");
});

test('expired tokens are rejected by the injected clock', async () => {
  t.clock.advance(60 * 60 * 1000);
  try {
    assert.equal((await getUser(accessToken)).body.message, 'Access Token has expired');
    assert.equal((await getId(idToken)).body.message, 'Invalid login token. Token expired.');
  } finally {
    t.clock.reset();
  }
});

test('the ids, the signing key and the users survive a restart; a reset start is a new install', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-backend-restart-'));
  const outputsFile = join(tmpdir(), `amplify_outputs-${process.pid}.json`);
  const users = async () => {
    const admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
    try {
      return admin.listUsers().map((user) => user.email);
    } finally {
      admin.close();
    }
  };
  const jwksOf = async (url: string) => (await fetch(`${url}/.well-known/jwks.json`)).json();
  try {
    const first = await startLocalBackend({ port: 0, dataDir, outputsFile, log: () => {} });
    const admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
    admin.addUser('restart@school.example');
    admin.close();
    const { port, ids } = first;
    const jwks = await jwksOf(first.url);
    await first.stop();

    const second = await startLocalBackend({ port, dataDir, outputsFile, log: () => {} });
    assert.deepEqual(second.ids, ids);
    assert.deepEqual(await jwksOf(second.url), jwks);
    assert.deepEqual(await users(), ['restart@school.example']);
    await second.stop();

    const third = await startLocalBackend({ port, dataDir, outputsFile, reset: true, log: () => {} });
    assert.notEqual(third.ids.userPoolId, ids.userPoolId);
    assert.notDeepEqual(await jwksOf(third.url), jwks);
    assert.deepEqual(await users(), []);
    await third.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outputsFile, { force: true });
  }
});
