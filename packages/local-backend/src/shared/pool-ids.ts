import { randomBytes, randomUUID } from 'node:crypto';
import type { SqliteDatabase } from './database';

export const region = 'us-east-1';

/** Ids that stand in for the deployed resources; chosen once per install and kept in the database. */
export interface PoolIds {
  region: typeof region;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
}

function randomChars(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

const alphanumeric = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function loadPoolIds(db: SqliteDatabase): PoolIds {
  db.exec(`CREATE TABLE IF NOT EXISTS backend_ids (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_pool_id TEXT NOT NULL,
    user_pool_client_id TEXT NOT NULL,
    identity_pool_id TEXT NOT NULL
  )`);
  // INSERT OR IGNORE: the CLI and the server may both open a fresh database at once.
  db.prepare(
    'INSERT OR IGNORE INTO backend_ids (id, user_pool_id, user_pool_client_id, identity_pool_id) VALUES (1, ?, ?, ?)',
  ).run(
    `${region}_${randomChars(alphanumeric, 9)}`,
    randomChars('abcdefghijklmnopqrstuvwxyz0123456789', 26),
    `${region}:${randomUUID()}`,
  );
  const row = db
    .prepare('SELECT user_pool_id, user_pool_client_id, identity_pool_id FROM backend_ids WHERE id = 1')
    .get() as { user_pool_id: string; user_pool_client_id: string; identity_pool_id: string };
  return {
    region,
    userPoolId: row.user_pool_id,
    userPoolClientId: row.user_pool_client_id,
    identityPoolId: row.identity_pool_id,
  };
}

/** The part of the user pool id after `_`, which Cognito mixes into SRP hashes. */
export function poolNameOf(ids: PoolIds): string {
  return ids.userPoolId.slice(ids.userPoolId.indexOf('_') + 1);
}
