import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { Clock } from './clock';
import type { SqliteDatabase } from './database';
import type { StoredCredentials } from '../identity-pool/credentials';
import type { AccessTokenClaims, IdTokenClaims } from '../user-pool/tokens';
import type { PoolIds } from './pool-ids';

/**
 * Everything the emulated services share, handed to each of them when the backend
 * starts (`createAppSync(context)` for part 2).
 */
export interface BackendContext {
  db: SqliteDatabase;
  clock: Clock;
  log: (line: string) => void;
  repoRoot: string;
  dataDir: string;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  synthesized: SynthesizedBackend;
  ids: PoolIds;
  userPoolEndpoint: string;
  identityPoolEndpoint: string;
  /** Throws TokenRejectedError (a NotAuthorizedException) unless the access token is valid now. */
  verifyAccessToken(token: string): AccessTokenClaims;
  /** Throws TokenRejectedError (a NotAuthorizedException) unless the id token is valid now. */
  verifyIdToken(token: string): IdTokenClaims;
  /** Credentials minted by the identity pool, expired ones included (check `expiration` with `clock`). */
  findCredentials(accessKeyId: string): StoredCredentials | undefined;
}
