import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { guestCredentials, headerSubprotocol, RawRealtimeClient, realtimeAuthorization, startTempBackend } from '../../testing';

test('a real-time connection opened while the backend stops is refused, and the stop completes', async () => {
  const t = await startTempBackend();
  const guest = await guestCredentials(t.outputs);
  const protocols = async () => ['graphql-ws', headerSubprotocol(await realtimeAuthorization(guest, `${t.dataUrl}/connect`, '{}', { region: t.region }))];
  const lateProtocols = await protocols();
  const slow = await RawRealtimeClient.open(t.realtimeUrl, await protocols());
  // It reads nothing more, so it never answers the server's close frame: the stop waits a grace second for it.
  (slow.socket as unknown as { _socket: Socket })._socket.pause();

  const stopped = t.stop().then(() => 'stopped');
  await assert.rejects(RawRealtimeClient.open(t.realtimeUrl, lateProtocols), /Unexpected server response: 503/);
  assert.equal(await Promise.race([stopped, delay(15_000, 'still stopping after 15 s')]), 'stopped');
});
