import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import { createAppSync, loadApiDefinition } from './appsync';
import { readAuthSettings } from './user-pool/auth-settings';
import { createRealtimeEndpoint, type RealtimeOptions } from './appsync/realtime';
import { createChallengeStore } from './user-pool/challenges';
import { createResetCodeStore } from './user-pool/reset-codes';
import { createTokenService } from './user-pool/tokens';
import { createUserPoolHandler } from './user-pool/user-pool';
import { createUserStore } from './user-pool/user-store';
import { systemClock, type Clock } from './shared/clock';
import { openDatabase, wipeDataDir } from './shared/database';
import { sendJson } from './shared/http';
import { createCredentialStore } from './identity-pool/credentials';
import { createIdentityPoolHandler } from './identity-pool/identity-pool';
import { writeAmplifyOutputs } from './amplify-outputs';
import { defaultPort, defaultRepoRoot } from './shared/paths';
import { loadPoolIds, poolNameOf, type PoolIds } from './shared/pool-ids';
import { createLocalServer, type HttpHandler } from './shared/server';
import { loadSigningKey } from './user-pool/signing-key';

export type { Clock } from './shared/clock';
export { openTeacherAdmin, type Teacher, type TeacherAdmin } from './user-pool/admin';

export interface LocalBackendOptions {
  /** 0 picks a free port. Defaults to 20002. */
  port?: number;
  /** Where the database and the signing key live. */
  dataDir: string;
  /** Wipe the data directory first: a fresh install with new ids and a new key. */
  reset?: boolean;
  clock?: Clock;
  /** Real-time endpoint settings (keep-alive interval and the like), for tests. */
  realtime?: RealtimeOptions;
  log?: (line: string) => void;
  /** The directory holding amplify/. Defaults to this monorepo. */
  repoRoot?: string;
  /** Where amplify_outputs.json is written. Defaults to `<repoRoot>/amplify_outputs.json`. */
  outputsFile?: string;
}

export interface LocalBackend {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  ids: PoolIds;
  userPoolEndpoint: string;
  identityPoolEndpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts the local backend: Cognito user pool, identity pool and JWKS on one HTTP
 * server on 127.0.0.1, with state in `<dataDir>/local-backend.sqlite`.
 */
export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemClock;
  const repoRoot = options.repoRoot ?? defaultRepoRoot;
  const { dataDir } = options;
  if (options.reset) wipeDataDir(dataDir);

  const synthesized = await synthesizeBackend({ repoRoot, log });
  const settings = readAuthSettings(synthesized);
  const api = await loadApiDefinition(synthesized);
  const db = openDatabase(dataDir);
  const local = createLocalServer(log);
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      local.server.once('error', reject);
      local.server.listen(options.port ?? defaultPort, '127.0.0.1', () => {
        local.server.off('error', reject);
        resolve((local.server.address() as AddressInfo).port);
      });
    });
  } catch (error) {
    db.close();
    throw error;
  }

  // Everything below runs synchronously after listen resolves, so routes are in place
  // before the first request can be read; a failure closes the server again.
  let realtime: ReturnType<typeof createRealtimeEndpoint>;
  const url = `http://127.0.0.1:${port}`;
  let ids: PoolIds;
  try {
    ids = loadPoolIds(db);
    const signingKey = loadSigningKey(dataDir);
    const users = createUserStore(db, clock, poolNameOf(ids));
    const issuer = `${url}/${ids.userPoolId}`;
    const tokens = createTokenService({ db, clock, ids, signingKey, issuer });
    const credentials = createCredentialStore(db, clock, ids);

    local.mount(
      '/cognito-idp',
      createUserPoolHandler({
        ids,
        poolName: poolNameOf(ids),
        decoyKey: createHash('sha256').update('srp-decoy').update(signingKey.privateKey.export({ type: 'pkcs8', format: 'der' })).digest(),
        users,
        challenges: createChallengeStore(db, clock),
        resetCodes: createResetCodeStore(db, clock),
        tokens,
        settings,
        clock,
        log,
      }),
    );
    local.mount(
      '/cognito-identity',
      createIdentityPoolHandler(
        {
          ids,
          credentials,
          verifyIdToken: tokens.verifyIdToken,
          providerName: issuer.replace(/^https?:\/\//, ''),
          allowUnauthenticatedIdentities: settings.allowUnauthenticatedIdentities,
        },
        log,
      ),
    );
    const serveJwks: HttpHandler = (_req, res) => sendJson(res, 200, tokens.jwks());
    local.mount('/.well-known/jwks.json', serveJwks);
    local.mount(`/${ids.userPoolId}/.well-known/jwks.json`, serveJwks);

    // ── AppSync (part 2) ────────────────────────────────────────────────────────────
    const context = {
      db,
      clock,
      log,
      repoRoot,
      dataDir,
      url,
      synthesized,
      ids,
      userPoolEndpoint: `${url}/cognito-idp`,
      identityPoolEndpoint: `${url}/cognito-identity`,
      verifyAccessToken: tokens.verifyAccessToken,
      verifyIdToken: tokens.verifyIdToken,
      findCredentials: credentials.findCredentials,
    };
    const appSync = createAppSync(context, api);
    local.mount('/graphql', appSync.handleHttp);
    realtime = createRealtimeEndpoint(appSync, { dataPath: '/graphql', log, ...options.realtime });
    local.mountUpgrade('/graphql/realtime', realtime.handleUpgrade);
    writeAmplifyOutputs(context, api, options.outputsFile);
  } catch (error) {
    local.server.close();
    db.close();
    throw error;
  }

  log(`local backend listening on ${url} (user pool ${ids.userPoolId}, data in ${dataDir})`);

  return {
    url,
    port,
    ids,
    userPoolEndpoint: `${url}/cognito-idp`,
    identityPoolEndpoint: `${url}/cognito-identity`,
    stop: async () => {
      // upgraded sockets would otherwise keep server.close() waiting
      await realtime.close();
      await new Promise<void>((resolve, reject) => {
        local.server.close((error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        });
        local.server.closeAllConnections();
      });
    },
  };
}
