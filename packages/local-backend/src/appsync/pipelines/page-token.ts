import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SqliteDatabase } from '../../shared/database';

/**
 * Opaque `nextToken`s. Like AppSync's, they are base64 JSON around a sealed payload:
 * the storage key to resume after and the scan or index query it belongs to, with an
 * HMAC under a per-install key, so a tampered or foreign token is refused.
 */
export interface PageTokens {
  encode(source: string, lastKey: string): string;
  /** The storage key to resume after; throws InvalidPageTokenError. */
  decode(source: string, token: string): string;
}

export class InvalidPageTokenError extends Error {
  override readonly name = 'InvalidPageTokenError';
}

interface Envelope {
  version: number;
  token: string;
  signature: string;
}

function loadKey(db: SqliteDatabase): Buffer {
  db.exec('CREATE TABLE IF NOT EXISTS model_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
  db.prepare("INSERT OR IGNORE INTO model_settings (name, value) VALUES ('page_token_key', ?)").run(
    randomBytes(32).toString('base64'),
  );
  const row = db.prepare("SELECT value FROM model_settings WHERE name = 'page_token_key'").get() as { value: string };
  return Buffer.from(row.value, 'base64');
}

export function createPageTokens(db: SqliteDatabase): PageTokens {
  const key = loadKey(db);
  const sign = (payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

  return {
    encode(source, lastKey) {
      const token = Buffer.from(JSON.stringify({ source, lastKey })).toString('base64url');
      const envelope: Envelope = { version: 1, token, signature: sign(token).toString('base64url') };
      return Buffer.from(JSON.stringify(envelope)).toString('base64');
    },
    decode(source, token) {
      let envelope: Partial<Envelope>;
      try {
        envelope = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<Envelope>;
      } catch {
        throw new InvalidPageTokenError('Invalid pagination token given.');
      }
      if (envelope?.version !== 1 || typeof envelope.token !== 'string' || typeof envelope.signature !== 'string') {
        throw new InvalidPageTokenError('Invalid pagination token given.');
      }
      const expected = sign(envelope.token);
      const given = Buffer.from(envelope.signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidPageTokenError('Invalid pagination token given.');
      }
      const payload = JSON.parse(Buffer.from(envelope.token, 'base64url').toString('utf8')) as { source: string; lastKey: string };
      if (payload.source !== source) throw new InvalidPageTokenError('Invalid pagination token given.');
      return payload.lastKey;
    },
  };
}
