import { guestCredentials, realtimeAuthorization } from './credentials';
import { RawRealtimeClient, startMessage, type ServerMessage } from './realtime-client';
import type { TempBackend } from './temp-backend';

/** A guest's raw real-time connection, as the student pages open one: its connect and starts signed with guest credentials. */
export interface GuestSocket {
  client: RawRealtimeClient;
  /** Sends a signed `start` of `query` with `variables`. */
  sendStart: (id: string, query: string, variables?: Record<string, unknown>) => Promise<void>;
  /** Sends a signed `start` and resolves with the server's first message about it (`start_ack` or `error`). */
  start: (id: string, query: string, variables?: Record<string, unknown>) => Promise<ServerMessage>;
}

/** Gets guest credentials from the identity pool and opens a real-time connection with them. */
export async function openGuestSocket(backend: Pick<TempBackend, 'outputs' | 'dataUrl' | 'realtimeUrl' | 'region'>): Promise<GuestSocket> {
  const credentials = await guestCredentials(backend.outputs);
  const signed = (url: string, body: string) => realtimeAuthorization(credentials, url, body, { region: backend.region });
  const client = await RawRealtimeClient.connect(backend.realtimeUrl, await signed(`${backend.dataUrl}/connect`, '{}'));
  const sendStart = async (id: string, query: string, variables: Record<string, unknown> = {}) => {
    const data = JSON.stringify({ query, variables });
    client.send(startMessage(id, data, await signed(backend.dataUrl, data)));
  };
  return {
    client,
    sendStart,
    start: async (id, query, variables) => {
      await sendStart(id, query, variables);
      return client.next((message) => message.id === id);
    },
  };
}
