import { isObject } from '../../shared/values';
import { graphqlWsProtocol } from './protocol';

const headerPrefix = 'header-';

/** The subprotocols of a WebSocket upgrade request (`Sec-WebSocket-Protocol`). */
export function requestedProtocols(header: string | undefined): Set<string> {
  return new Set((header ?? '').split(',').map((protocol) => protocol.trim()).filter((protocol) => protocol.length > 0));
}

/** Whether the upgrade asks for the one subprotocol this endpoint speaks. */
export function speaksGraphqlWs(protocols: ReadonlySet<string>): boolean {
  return protocols.has(graphqlWsProtocol);
}

type ConnectHeaders =
  | { kind: 'present'; headers: Record<string, string> }
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string };

/**
 * The authorization headers the client put in a `header-<base64url(JSON)>` subprotocol
 * (AppSync's alternative to the `?header=` query string the v6 client no longer sends).
 */
export function connectHeaders(protocols: ReadonlySet<string>): ConnectHeaders {
  const encoded = [...protocols].find((protocol) => protocol.startsWith(headerPrefix));
  if (encoded === undefined) return { kind: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded.slice(headerPrefix.length), 'base64url').toString('utf8'));
  } catch {
    return { kind: 'invalid', reason: 'The header subprotocol is not base64url-encoded JSON' };
  }
  if (!isObject(json)) return { kind: 'invalid', reason: 'The header subprotocol must encode a JSON object' };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(json)) {
    if (typeof value !== 'string') return { kind: 'invalid', reason: `Header "${name}" must be a string` };
    headers[name] = value;
  }
  return { kind: 'present', headers };
}
