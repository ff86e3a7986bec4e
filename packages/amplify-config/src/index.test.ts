import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { guestEndpoints } from './guest-options';
import { toResourcesConfig } from './index';
import { installLocalWebSocket, toLocalUrl } from './local-websocket';

const sandboxOutputs = {
  version: '1.4',
  auth: {
    aws_region: 'eu-west-1',
    user_pool_id: 'eu-west-1_abc',
    user_pool_client_id: 'client123',
    identity_pool_id: 'eu-west-1:0f0e0d0c-0000-4000-8000-000000000000',
    unauthenticated_identities_enabled: true,
    username_attributes: ['email'],
  },
  data: {
    aws_region: 'eu-west-1',
    url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
    default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
    authorization_types: ['AWS_IAM'],
  },
};

const localOutputs = {
  ...sandboxOutputs,
  data: { ...sandboxOutputs.data, url: 'http://127.0.0.1:20002/graphql' },
  custom: {
    local_backend: {
      user_pool_endpoint: 'http://127.0.0.1:20002/cognito-idp',
      identity_pool_endpoint: 'http://127.0.0.1:20002/cognito-identity',
    },
  },
};

test('outputs of a real deployment are used as Amplify parses them', () => {
  const cognito = toResourcesConfig(sandboxOutputs).Auth?.Cognito;
  assert.equal(cognito?.userPoolId, 'eu-west-1_abc');
  assert.equal(cognito?.allowGuestAccess, true);
  assert.equal(cognito && 'userPoolEndpoint' in cognito, false);
  assert.equal(cognito && 'identityPoolEndpoint' in cognito, false);
});

test('local backend endpoints are applied when the outputs carry them', () => {
  const cognito = toResourcesConfig(localOutputs).Auth?.Cognito;
  assert.equal(cognito?.userPoolEndpoint, 'http://127.0.0.1:20002/cognito-idp');
  assert.equal(cognito?.identityPoolEndpoint, 'http://127.0.0.1:20002/cognito-identity');
  assert.equal(cognito?.userPoolClientId, 'client123');
});

test('incomplete local endpoints are refused with a readable error', () => {
  const broken = { ...localOutputs, custom: { local_backend: { user_pool_endpoint: 'http://x' } } };
  assert.throws(() => toResourcesConfig(broken as never), /identity_pool_endpoint/);
});

test('only the local host is dialled without TLS', () => {
  assert.equal(toLocalUrl('wss://127.0.0.1:20002/graphql/realtime', '127.0.0.1:20002'), 'ws://127.0.0.1:20002/graphql/realtime');
  assert.equal(toLocalUrl('wss://127.0.0.1:20003/graphql/realtime', '127.0.0.1:20002'), 'wss://127.0.0.1:20003/graphql/realtime');
  const cloud = 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql';
  assert.equal(toLocalUrl(cloud, '127.0.0.1:20002'), cloud);
});

test('the wrapped global WebSocket reaches a plain ws:// server when asked for wss://', async (t) => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'graphql-ws' });
  t.after(() => server.close());
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const previous = globalThis.WebSocket;
  t.after(() => {
    globalThis.WebSocket = previous;
  });
  globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket;
  installLocalWebSocket(`127.0.0.1:${port}`);

  const socket = new globalThis.WebSocket(`wss://127.0.0.1:${port}/graphql/realtime`, ['graphql-ws']);
  await once(socket as unknown as NodeWebSocket, 'open');
  assert.equal(socket.protocol, 'graphql-ws');
  socket.close();
});

test('guestEndpoints reads where a guest reads: Cognito’s identity pool for a deployment, the local one for the local backend', () => {
  assert.deepEqual(guestEndpoints(sandboxOutputs), {
    url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
    region: 'eu-west-1',
    identityPoolId: 'eu-west-1:0f0e0d0c-0000-4000-8000-000000000000',
    identityPoolEndpoint: undefined,
  });
  assert.equal(guestEndpoints(localOutputs).identityPoolEndpoint, localOutputs.custom.local_backend.identity_pool_endpoint);
  assert.throws(() => guestEndpoints({ ...sandboxOutputs, auth: { ...sandboxOutputs.auth, unauthenticated_identities_enabled: false } }), /does not allow guests/);
  assert.throws(() => guestEndpoints({ data: sandboxOutputs.data }), /auth\.identity_pool_id is missing/);
});
