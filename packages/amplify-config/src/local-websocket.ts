const installedFor = Symbol.for('exam-results.local-websocket');

type GlobalWithMarker = typeof globalThis & { [installedFor]?: string };

/**
 * aws-amplify dials `wss://` for every AppSync URL that is not on amazonaws.com,
 * and the local backend speaks plain `ws://` on 127.0.0.1. Rather than asking
 * every browser to trust a local certificate, wrap the global WebSocket so that
 * only URLs for the local backend's host are dialled without TLS. Amplify calls
 * `new WebSocket(url, protocols)` at connect time, so the wrapper is picked up
 * without patching the library.
 */
export function installLocalWebSocket(localHost: string): void {
  const global = globalThis as GlobalWithMarker;
  const Base = global.WebSocket as typeof WebSocket | undefined;
  if (!Base) {
    throw new Error('No global WebSocket: provide one (e.g. from the "ws" package) before configuring Amplify');
  }
  if (global[installedFor] === localHost) return;

  class LocalWebSocket extends Base {
    constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
      super(toLocalUrl(String(url), localHost), protocols);
    }
  }
  global.WebSocket = LocalWebSocket;
  global[installedFor] = localHost;
}

export function toLocalUrl(url: string, localHost: string): string {
  const prefix = `wss://${localHost}/`;
  return url.startsWith(prefix) ? `ws://${url.slice('wss://'.length)}` : url;
}
