import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';
import type { PoolIds } from '../shared/pool-ids';

const credentialLifetimeMs = 60 * 60 * 1000;

/** What AppSync needs to check a SigV4 signature made with credentials this backend minted. */
export interface StoredCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  identityId: string;
  authenticated: boolean;
  expiration: Date;
  /** The user pool `sub` of a signed-in identity. */
  sub?: string;
}

export interface CredentialStore {
  createGuestIdentity(): string;
  /** The identity linked to a user pool user, created on first use. */
  identityForUser(sub: string): string;
  /**
   * Signs a guest identity in: links it to `sub`, or, when the user already has an
   * identity, returns that one instead (Cognito merges the guest into it).
   */
  linkGuestIdentity(identityId: string, sub: string): string;
  /** The user pool `sub` linked to an identity, null for a guest identity, undefined if unknown. */
  identityOwner(identityId: string): string | null | undefined;
  mintCredentials(identityId: string): StoredCredentials;
  findCredentials(accessKeyId: string): StoredCredentials | undefined;
}

interface CredentialRow {
  access_key_id: string;
  secret_access_key: string;
  session_token: string;
  identity_id: string;
  sub: string | null;
  expires_at: number;
}

function toCredentials(row: CredentialRow): StoredCredentials {
  return {
    accessKeyId: row.access_key_id,
    secretAccessKey: row.secret_access_key,
    sessionToken: row.session_token,
    identityId: row.identity_id,
    authenticated: row.sub !== null,
    expiration: new Date(row.expires_at),
    ...(row.sub === null ? {} : { sub: row.sub }),
  };
}

const keyIdAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function createCredentialStore(db: SqliteDatabase, clock: Clock, ids: PoolIds): CredentialStore {
  db.exec(`CREATE TABLE IF NOT EXISTS identity_identities (
    identity_id TEXT PRIMARY KEY,
    sub TEXT UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS identity_credentials (
    access_key_id TEXT PRIMARY KEY,
    secret_access_key TEXT NOT NULL,
    session_token TEXT NOT NULL,
    identity_id TEXT NOT NULL REFERENCES identity_identities(identity_id) ON DELETE CASCADE,
    sub TEXT,
    expires_at INTEGER NOT NULL
  )`);

  const identityBySub = db.prepare('SELECT identity_id FROM identity_identities WHERE sub = ?');
  const identityById = db.prepare('SELECT sub FROM identity_identities WHERE identity_id = ?');
  const insertIdentity = db.prepare('INSERT INTO identity_identities (identity_id, sub, created_at) VALUES (?, ?, ?)');
  const linkIdentity = db.prepare('UPDATE identity_identities SET sub = ? WHERE identity_id = ? AND sub IS NULL');
  const insertCredentials = db.prepare(
    `INSERT INTO identity_credentials (access_key_id, secret_access_key, session_token, identity_id, sub, expires_at)
     VALUES (@access_key_id, @secret_access_key, @session_token, @identity_id, @sub, @expires_at)`,
  );
  const deleteExpiredCredentials = db.prepare('DELETE FROM identity_credentials WHERE expires_at < ?');
  const credentialsByKeyId = db.prepare('SELECT * FROM identity_credentials WHERE access_key_id = ?');

  return {
    createGuestIdentity() {
      const identityId = `${ids.region}:${randomUUID()}`;
      insertIdentity.run(identityId, null, clock.now().getTime());
      return identityId;
    },
    identityForUser(sub) {
      return db.transaction(() => {
        const existing = identityBySub.get(sub) as { identity_id: string } | undefined;
        if (existing) return existing.identity_id;
        const identityId = `${ids.region}:${randomUUID()}`;
        insertIdentity.run(identityId, sub, clock.now().getTime());
        return identityId;
      }).immediate();
    },
    linkGuestIdentity(identityId, sub) {
      return db.transaction(() => {
        const existing = identityBySub.get(sub) as { identity_id: string } | undefined;
        if (existing) return existing.identity_id;
        linkIdentity.run(sub, identityId);
        return identityId;
      }).immediate();
    },
    identityOwner(identityId) {
      const row = identityById.get(identityId) as { sub: string | null } | undefined;
      return row ? row.sub : undefined;
    },
    mintCredentials(identityId) {
      const owner = identityById.get(identityId) as { sub: string | null } | undefined;
      if (!owner) throw new Error(`unknown identity ${identityId}`);
      const now = clock.now().getTime();
      const row: CredentialRow = {
        // Temporary AWS credentials: "ASIA" + 16 base32 characters.
        access_key_id: `ASIA${Array.from(randomBytes(16), (byte) => keyIdAlphabet[byte % 32]).join('')}`,
        secret_access_key: randomBytes(30).toString('base64'),
        session_token: randomBytes(96).toString('base64'),
        identity_id: identityId,
        sub: owner.sub,
        expires_at: now + credentialLifetimeMs,
      };
      db.transaction(() => {
        deleteExpiredCredentials.run(now - credentialLifetimeMs);
        insertCredentials.run(row);
      })();
      return toCredentials(row);
    },
    findCredentials(accessKeyId) {
      const row = credentialsByKeyId.get(accessKeyId) as CredentialRow | undefined;
      return row ? toCredentials(row) : undefined;
    },
  };
}
