import outputs from '@amplify-outputs';
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { createGuestClient, type GuestClient } from '@exam-results/appsync-guest';

let client: GuestClient | undefined;

/**
 * The browser's only data client: one guest identity per browser (kept in localStorage with its
 * credentials), one real-time socket for every live list of the page, reconnecting at once
 * when the browser is online or visible again.
 */
export function browserClient(): GuestClient {
  client ??= createGuestClient({
    ...guestEndpoints(outputs),
    storage: window.localStorage,
    WebSocket: window.WebSocket,
    environment: window,
  });
  return client;
}
