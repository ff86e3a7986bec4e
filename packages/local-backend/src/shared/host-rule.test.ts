import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { startTempBackend, type TempBackend } from '../testing';
import { createHostRule } from './host-rule';

// DNS rebinding: a page whose name is rebound to 127.0.0.1 reaches the backend with its own name in Host.

let t: TempBackend;
before(async () => {
  t = await startTempBackend({ allowedHosts: ['devbox.lan'] });
});
after(async () => {
  await t?.stop();
});

/** POSTs with exactly this Host header (fetch cannot set one). */
function post(path: string, host: string, headers: Record<string, string>, body: string): Promise<{ status: number; errorType: string | undefined; body: string }> {
  const { port } = t.backend;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { host, 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const getId = (host: string) =>
  post('/cognito-identity', host, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' }, JSON.stringify({ IdentityPoolId: t.outputs.auth.identity_pool_id }));

test('a foreign Host is refused with 403 ForbiddenException on every service; loopback names and configured hosts are served, any port', async () => {
  const { port } = t.backend;
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.evil.example`]) {
    const refused = await getId(host);
    assert.equal(refused.status, 403, host);
    assert.equal(refused.errorType, 'ForbiddenException', host);
    assert.match((JSON.parse(refused.body) as { message: string }).message, /does not serve the host/, host);
  }
  const graphql = await post('/graphql', `evil.example:${port}`, { 'content-type': 'application/json' }, JSON.stringify({ query: '{ listResults { items { grade } } }' }));
  assert.equal(graphql.status, 403);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LOCALHOST', `devbox.lan:${port}`]) {
    const served = await getId(host);
    assert.equal(served.status, 200, host);
    assert.match(served.body, /IdentityId/, host);
  }
});

/** How a WebSocket upgrade to the real-time endpoint ends: 'open' or the refusal's HTTP status. */
function upgrade(options: { origin?: string; host?: string }): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(t.realtimeUrl, ['graphql-ws'], { ...(options.origin ? { origin: options.origin } : {}), ...(options.host ? { headers: { host: options.host } } : {}) });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

test('a WebSocket upgrade from a foreign Origin or for a foreign Host is refused with 403; a local page and a client without Origin connect', async () => {
  assert.equal(await upgrade({ origin: 'https://evil.example' }), 403);
  assert.equal(await upgrade({ host: `evil.example:${t.backend.port}` }), 403);
  assert.equal(await upgrade({ origin: 'http://localhost:3000' }), 'open');
  assert.equal(await upgrade({ origin: 'http://devbox.lan:3000' }), 'open');
  assert.equal(await upgrade({}), 'open');
});

test('the rule: loopback names and configured ones, nothing that merely contains them', () => {
  const rule = createHostRule(['devbox.lan']);
  for (const host of ['127.0.0.1', '127.0.0.1:1', '127.1.2.3:80', 'localhost:3000', '[::1]:3000', 'DevBox.lan']) assert.ok(rule.servesHost(host), host);
  for (const host of [undefined, '', 'evil.example', '127.0.0.1.nip.io', 'localhost@evil.example', 'evil.example/localhost', '[::2]', '0.0.0.0']) assert.ok(!rule.servesHost(host), String(host));
  assert.ok(rule.allowsOrigin('http://localhost:3000'));
  assert.ok(rule.allowsOrigin('https://devbox.lan'));
  assert.ok(!rule.allowsOrigin('https://evil.example'));
  assert.ok(!rule.allowsOrigin('null'));
});
