import { bothObservers, type RequestObservers } from './shared/observers';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import { writeAmplifyOutputs } from './amplify-outputs';
import { createAppSync, loadApiDefinition, type AppSync, type RealtimeOptions } from './appsync';
import { createCloudFormation, createCodegenAssets } from './cloudformation';
import { createConsole, createMonitorBus, monitorObservers } from './console';
import { createIdentityPool, type IdentityPool, type IdentityPoolQuotas } from './identity-pool';
import { systemClock, type Clock } from './shared/clock';
import { openDatabase, wipeDataDir } from './shared/database';
import { defaultPort, defaultRepoRoot } from './shared/paths';
import { loadPoolIds, type PoolIds } from './shared/pool-ids';
import { createLocalServer } from './shared/server';
import { removeServerFile, writeServerFile } from './shared/server-file';
import type { ServiceContext } from './shared/service-context';
import type { OtherPrincipal } from './shared/sigv4';
import { adminProfile, createUserPool, type AdminCredentials } from './user-pool';

export { localAwsEnvironment } from './aws-tool-environment';
export type { IdentityPoolQuotas } from './identity-pool';
export type { Clock } from './shared/clock';
export type { RequestObservers } from './shared/observers';
export { openUserPoolAdmin, type UserPoolAdmin } from './user-pool';

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
  /** Host names served beside the loopback ones (127.0.0.1, localhost, [::1]), e.g. a dev box's name. */
  allowedHosts?: string[];
  /** Requests per second per identity pool operation; AWS's defaults (GetId 25, GetCredentialsForIdentity 200) unless given, `false`: none. */
  identityPoolQuotas?: IdentityPoolQuotas;
  /** Told what the services do, beside the console's monitor (a benchmark counting reads). */
  observers?: RequestObservers;
}

export interface LocalBackend {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  ids: PoolIds;
  userPoolEndpoint: string;
  identityPoolEndpoint: string;
  /** Who may call the user pool's Admin* API (`file` is an AWS shared-credentials file). */
  adminCredentials: AdminCredentials;
  stop(): Promise<void>;
}

/** A backend in this process, which can take a new definition of amplify/ in place. */
export interface ReloadableBackend extends LocalBackend {
  /**
   * Synthesizes amplify/ again and serves the new API (schema, resolvers, auth rules) in place of
   * the old one: data is kept, open real-time connections are closed with 1001 so clients
   * reconnect. Rejects, with the old API still serving, when the definition is broken. The
   * user and identity pools keep the settings they started with.
   */
  reload(): Promise<void>;
}

const paths = {
  userPool: '/cognito-idp',
  identityPool: '/cognito-identity',
  jwks: '/.well-known/jwks.json',
  graphql: '/graphql',
  cloudFormation: '/cloudformation',
  s3: '/s3',
} as const;

/**
 * Starts the local backend on 127.0.0.1: the Cognito user pool (with its JWKS), the
 * identity pool and AppSync (GraphQL over HTTP and real-time over WebSocket) of the
 * synthesized amplify/, on one HTTP server, with state in `<dataDir>/local-backend.sqlite`.
 */
export async function startLocalBackend(options: LocalBackendOptions): Promise<ReloadableBackend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const repoRoot = options.repoRoot ?? defaultRepoRoot;
  const { dataDir } = options;
  if (options.reset) wipeDataDir(dataDir);

  const synthesized = await synthesizeBackend({ repoRoot, log });
  const api = await loadApiDefinition(synthesized);
  const db = openDatabase(dataDir);
  const local = createLocalServer(log, options.allowedHosts);
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

  // Everything below runs synchronously after listen resolves (the services need the
  // URL), so routes are in place before the first request can be read; a failure
  // closes the server again.
  const url = `http://127.0.0.1:${port}`;
  let context: ServiceContext;
  let appSync: AppSync;
  let adminCredentials: AdminCredentials;
  let serveApi: (next: Awaited<ReturnType<typeof loadApiDefinition>>, definition: typeof synthesized) => void;
  let servedDefinition = synthesized;
  try {
    const clock = options.clock ?? systemClock;
    // The user pool is made with the context the monitor is in, and the monitor names callers by the pool's users.
    let emailOf: (username: string) => string | undefined = () => undefined;
    const monitor = createMonitorBus({ now: () => clock.now(), rename: (caller) => emailOf(caller) ?? caller });
    context = { db, clock, log, ids: loadPoolIds(db), dataDir, url, observers: bothObservers(monitorObservers(monitor), options.observers ?? {}) };
    // The identity pool's credentials sign genuinely, but their roles grant nothing on the administrator's
    // APIs (user pool Admin*, CloudFormation, S3), which deny them by the role's session ARN as AWS does.
    let findIdentityCredentials: IdentityPool['findCredentials'] = () => undefined;
    const findOtherPrincipal = (accessKeyId: string): OtherPrincipal | undefined => {
      const found = findIdentityCredentials(accessKeyId);
      if (!found) return undefined;
      const { roleNames } = servedDefinition.identityPool.roles;
      const role = found.authenticated ? (roleNames.authenticated ?? 'authenticatedRole') : (roleNames.unauthenticated ?? 'unauthenticatedRole');
      return { ...found, arn: `arn:aws:sts::000000000000:assumed-role/${role}/CognitoIdentityCredentials` };
    };
    const userPool = createUserPool(context, synthesized, { findOtherPrincipal });
    emailOf = userPool.console.emailOf;
    adminCredentials = userPool.adminCredentials;
    const identityPool = createIdentityPool(context, synthesized, userPool, options.identityPoolQuotas);
    findIdentityCredentials = identityPool.findCredentials;
    const verifiers = { verifyAccessToken: userPool.verifyAccessToken, verifyIdToken: userPool.verifyIdToken, findCredentials: identityPool.findCredentials };
    const outputsFile = options.outputsFile ?? join(repoRoot, 'amplify_outputs.json');
    const serving = context;
    serveApi = (definitionApi, definition) => {
      servedDefinition = definition;
      appSync = createAppSync(serving, definitionApi, verifiers, { path: paths.graphql, realtime: options.realtime });
      writeAmplifyOutputs(outputsFile, definition, definitionApi, {
        ids: serving.ids,
        dataUrl: `${url}${paths.graphql}`,
        userPoolEndpoint: `${url}${paths.userPool}`,
        identityPoolEndpoint: `${url}${paths.identityPool}`,
      });
    };
    serveApi(api, synthesized);
    local.mount(paths.userPool, userPool.handleHttp);
    local.mount(paths.identityPool, identityPool.handleHttp);
    const cloudFormation = createCloudFormation(context, { adminCredentials, findOtherPrincipal, dataUrl: `${url}${paths.graphql}`, definition: () => servedDefinition });
    local.mount(paths.cloudFormation, cloudFormation.handleHttp);
    local.mount(
      paths.s3,
      createCodegenAssets({
        prefix: paths.s3,
        region: context.ids.region,
        clock: context.clock,
        credentials: adminCredentials,
        findOtherPrincipal,
        definition: () => servedDefinition,
      }),
    );
    local.mount(paths.jwks, userPool.handleJwks);
    local.mount(`/${context.ids.userPoolId}${paths.jwks}`, userPool.handleJwks);
    // Through the variable: a reload swaps the API behind the same routes.
    local.mount(paths.graphql, (req, res) => appSync.handleHttp(req, res));
    const developerConsole = createConsole({ context, monitor, userPool, passwordPolicy: synthesized.passwordPolicy, currentAppSync: () => appSync });
    local.mount('/', developerConsole.handleHttp);
    local.mountUpgrade(`${paths.graphql}/realtime`, (req, socket, head) => appSync.handleRealtimeUpgrade(req, socket, head));
  } catch (error) {
    local.server.close();
    db.close();
    throw error;
  }

  writeServerFile(dataDir, { url, userPoolId: context.ids.userPoolId });
  log(`local backend listening on ${url} (user pool ${context.ids.userPoolId}, data in ${dataDir})`);
  log(`console: ${url}/`);
  log(
    `admin API (aws cognito-idp admin-*, the AWS SDK): AWS_SHARED_CREDENTIALS_FILE=${adminCredentials.file} AWS_PROFILE=${adminProfile} ` +
      `AWS_REGION=${context.ids.region}, endpoint ${url}${paths.userPool}`,
  );
  log(`CloudFormation (what ampx sandbox seed reads): stack ${servedDefinition.rootStack.name}, endpoint ${url}${paths.cloudFormation}`);

  return {
    url,
    port,
    ids: context.ids,
    userPoolEndpoint: `${url}${paths.userPool}`,
    identityPoolEndpoint: `${url}${paths.identityPool}`,
    adminCredentials,
    reload: async () => {
      const definition = await synthesizeBackend({ repoRoot, log });
      const next = await loadApiDefinition(definition);
      const previous = appSync;
      serveApi(next, definition);
      await previous.close();
    },
    stop: async () => {
      removeServerFile(dataDir);
      // upgraded sockets would otherwise keep server.close() waiting
      await appSync.close();
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
