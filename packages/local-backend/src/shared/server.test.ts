import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { callAws, startTempBackend, type TempBackend } from '../testing';

let t: TempBackend;
before(async () => {
  t = await startTempBackend();
});
after(async () => {
  await t?.stop();
});

const browserOrigin = 'http://localhost:3000';

test('every endpoint answers a browser preflight, naming Authorization and the AWS headers explicitly', async () => {
  for (const path of ['/cognito-idp', '/cognito-identity', '/graphql', '/.well-known/jwks.json']) {
    const response = await fetch(`${t.backend.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin: browserOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent',
        'access-control-request-private-network': 'true',
      },
    });
    assert.equal(response.status, 204, path);
    assert.equal(response.headers.get('access-control-allow-origin'), browserOrigin);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(response.headers.get('access-control-allow-private-network'), 'true');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    for (const header of ['authorization', 'content-type', 'x-amz-target', 'x-amz-user-agent', 'x-amz-date',
      'x-amz-security-token', 'amz-sdk-invocation-id', 'amz-sdk-request', 'cache-control', 'x-api-key']) {
      assert.ok(allowed.includes(header), `${path} allows ${header}`);
    }
  }
});

test('a page served from another site gets no CORS permission', async () => {
  const preflight = await fetch(t.backend.userPoolEndpoint, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  const direct = await fetch(`${t.backend.url}/.well-known/jwks.json`, { headers: { origin: 'https://evil.example' } });
  assert.equal(direct.headers.get('access-control-allow-origin'), null);
  const local = await fetch(`${t.backend.url}/.well-known/jwks.json`, { headers: { origin: 'http://127.0.0.1:3001' } });
  assert.equal(local.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3001');
});

test('responses let the browser read the error type', async () => {
  const response = await fetch(t.backend.userPoolEndpoint, {
    method: 'POST',
    headers: { origin: browserOrigin, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
    body: JSON.stringify({ AccessToken: 'not-a-token' }),
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('access-control-allow-origin'), browserOrigin);
  assert.match(response.headers.get('access-control-expose-headers') ?? '', /x-amzn-errortype/);
  assert.equal(response.headers.get('x-amzn-errortype'), 'NotAuthorizedException');
  assert.deepEqual(await response.json(), { __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
});

test('malformed requests get AWS-shaped errors and the server keeps serving', async () => {
  const post = (headers: Record<string, string>, body: string) =>
    fetch(t.backend.userPoolEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', ...headers }, body });
  const target = { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' };

  const badJson = await post(target, '{"AuthFlow":');
  assert.equal(badJson.status, 400);
  assert.equal(badJson.headers.get('x-amzn-errortype'), 'SerializationException');

  const notObject = await post(target, '[1,2]');
  assert.equal(notObject.headers.get('x-amzn-errortype'), 'SerializationException');

  const tooLarge = await post(target, JSON.stringify({ padding: 'x'.repeat(300 * 1024) }));
  assert.equal(tooLarge.headers.get('x-amzn-errortype'), 'SerializationException');

  const unknown = await post({ 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminLinkProviderForUser' }, '{}');
  assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');

  const missingMember = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.InitiateAuth', {
    ClientId: t.backend.ids.userPoolClientId,
  });
  assert.equal(missingMember.errorType, 'InvalidParameterException');

  const wrongClient = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.InitiateAuth', {
    ClientId: 'someoneelse',
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: 'a@b.example', SRP_A: 'ab' },
  });
  assert.equal(wrongClient.errorType, 'ResourceNotFoundException');

  const badSrpA = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.InitiateAuth', {
    ClientId: t.backend.ids.userPoolClientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: 'a@b.example', SRP_A: '0' },
  });
  assert.equal(badSrpA.errorType, 'InvalidParameterException');

  const notFound = await fetch(`${t.backend.url}/nowhere`);
  assert.equal(notFound.status, 404);

  // A request line no HTTP parser accepts.
  await new Promise<void>((resolve) => {
    const req = request(`${t.backend.url}/cognito-idp`, { method: 'POST', headers: { 'content-length': 'abc' } });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.end();
  });

  const jwks = await fetch(`${t.backend.url}/.well-known/jwks.json`);
  assert.equal(jwks.status, 200);
});

/** Sends raw bytes and returns what the server answered before closing. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

test('a request target that is not a URL gets a 400, on HTTP and on upgrade, and the server keeps serving', async () => {
  const plain = await rawExchange(t.backend.port, 'GET http://[bad HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  assert.match(plain, /^HTTP\/1\.1 400 /);
  const upgrade = await rawExchange(
    t.backend.port,
    'GET http://[bad HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  assert.match(upgrade, /^HTTP\/1\.1 400 /);
  const jwks = await fetch(`${t.backend.url}/.well-known/jwks.json`);
  assert.equal(jwks.status, 200);
});
