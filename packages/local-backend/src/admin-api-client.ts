import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { NamedAwsError } from './shared/aws-errors';
import type { JsonObject } from './shared/aws-json-protocol';
import { systemClock } from './shared/clock';
import { openDatabase } from './shared/database';
import { loadPoolIds, region } from './shared/pool-ids';
import { readServerFile, type ServerRecord } from './shared/server-file';
import { adminOperations, createUserPoolServices, loadAdminCredentials } from './user-pool';
import type { UserPoolDefinition } from './user-pool/services';

/** The user pool's Admin* API, over HTTP to the running backend or on its data directory. */
export interface AdminApi {
  /** `http://…/cognito-idp` when a backend serves the data directory, else the directory. */
  readonly target: string;
  userPoolId: string;
  call(operation: string, input: JsonObject): Promise<JsonObject>;
  close(): void;
}

function overHttp(dataDir: string, server: ServerRecord): AdminApi {
  const endpoint = new URL(`${server.url}/cognito-idp`);
  const signer = new SignatureV4({ credentials: loadAdminCredentials(dataDir), region, service: 'cognito-idp', sha256: Sha256 });
  return {
    target: endpoint.href,
    userPoolId: server.userPoolId,
    async call(operation, input) {
      const body = JSON.stringify(input);
      const signed = await signer.sign({
        method: 'POST',
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: Number(endpoint.port),
        path: endpoint.pathname,
        query: {},
        headers: {
          host: endpoint.host,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
        },
        body,
      });
      const { host: _host, ...headers } = signed.headers;
      const response = await fetch(endpoint, { method: 'POST', headers, body });
      const answer = (await response.json()) as JsonObject;
      if (!response.ok) throw new NamedAwsError(String(answer.__type), String(answer.message));
      return answer;
    },
    close: () => undefined,
  };
}

/** Whether a backend answers at `url` (a crashed one leaves its server file behind). */
export async function backendAnswers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/.well-known/jwks.json`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

function onDisk(dataDir: string, definition: UserPoolDefinition, log: (line: string) => void): AdminApi {
  const db = openDatabase(dataDir);
  const ids = loadPoolIds(db);
  const operations = adminOperations(createUserPoolServices({ db, clock: systemClock, log, ids, dataDir, issuer: '' }, definition));
  return {
    target: dataDir,
    userPoolId: ids.userPoolId,
    async call(operation, input) {
      const run = operations[operation];
      if (!run) throw new Error(`no admin operation ${operation}`);
      return ((await run(input)) ?? {}) as JsonObject;
    },
    close: () => db.close(),
  };
}

/**
 * The admin API of the backend that serves `dataDir`, signed with the install's administrator
 * credentials; when none runs, the same operations run on the data directory in this process
 * (SQLite lets the two take turns should a backend start meanwhile).
 */
export async function openAdminApi(options: { dataDir: string; definition: UserPoolDefinition; log: (line: string) => void }): Promise<AdminApi> {
  const server = readServerFile(options.dataDir);
  if (server && (await backendAnswers(server.url))) return overHttp(options.dataDir, server);
  return onDisk(options.dataDir, options.definition, options.log);
}
