#!/usr/bin/env tsx
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import { backendAnswers, openAdminApi, type AdminApi } from './admin-api-client';
import { AwsServiceError } from './shared/aws-errors';
import type { JsonObject } from './shared/aws-json-protocol';
import { wipeDataDir } from './shared/database';
import { defaultDataDir, defaultPort, defaultRepoRoot } from './shared/paths';
import { readServerFile } from './shared/server-file';
import { watchAmplify } from './reload/watch-amplify';
import { exportSnapshot, importSnapshot } from './snapshots/snapshot';
import { generateTemporaryPassword } from './user-pool/password-policy';

const usage = `Usage:
  local-backend start [--port ${defaultPort}] [--data-dir DIR] [--reset] [--outputs FILE]
                      [--import SNAPSHOT] [--export SNAPSHOT] [--watch]
                      [--allow-host NAME]... [--no-identity-pool-quotas]
  local-backend export SNAPSHOT [--data-dir DIR]
  local-backend import SNAPSHOT [--data-dir DIR]
  local-backend teacher add <email> [--password TEMP] [--name NAME] [--data-dir DIR]
  local-backend teacher list [--data-dir DIR]
  local-backend teacher remove <email> [--data-dir DIR]
  local-backend teacher reset <email> [--password TEMP] [--data-dir DIR]
  local-backend teacher disable <email> | enable <email> [--data-dir DIR]

State lives in DIR (default: <repo>/.local-backend). Teacher commands call the
user pool's admin API (AdminCreateUser, ListUsers, ...) of the backend serving DIR,
signed with the administrator credentials in DIR/admin-credentials; when no backend
runs, they run the same operations on DIR directly. The server writes the apps'
amplify_outputs.json to FILE (default: <repo>/amplify_outputs.json). It answers
requests for loopback names only (127.0.0.1, localhost, [::1]) and each --allow-host NAME.
The identity pool throttles as AWS does by default (GetId 25/s, GetCredentialsForIdentity
200/s); --no-identity-pool-quotas turns that off, e.g. for benchmarks.

A SNAPSHOT is a directory: schema.sql and one JSON-lines file per table. start
--import replaces DIR's data with it before serving, --export writes one when the
server stops; export writes one now (the server may be running), import replaces
DIR's data (no server may be running on DIR).

start --watch reloads the API whenever a file under <repo>/amplify changes (data
kept); a broken definition is reported and the last good one keeps serving.`;

class UsageError extends Error {}

/** A path as the caller meant it: pnpm runs this script from the package, but INIT_CWD is where they typed the command. */
function fromCaller(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function describeSnapshot(verb: string, dir: string, counts: { tables: number; rows: number }): string {
  return `${verb} ${dir}: ${counts.rows} rows in ${counts.tables} tables`;
}

async function refuseIfServed(dataDir: string): Promise<void> {
  const server = readServerFile(dataDir);
  if (server && (await backendAnswers(server.url))) throw new UsageError(`a backend at ${server.url} is serving ${dataDir}: stop it first, or start it with --import`);
}

interface StartValues {
  port?: string;
  'data-dir'?: string;
  reset?: boolean;
  outputs?: string;
  'allow-host'?: string[];
  'no-identity-pool-quotas'?: boolean;
  import?: string;
  export?: string;
  watch?: boolean;
}

async function start(values: StartValues): Promise<void> {
  const port = values.port === undefined ? defaultPort : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port ${values.port}`);
  const dataDir = values['data-dir'] ?? defaultDataDir(defaultRepoRoot);
  const exportTo = values.export === undefined ? undefined : fromCaller(values.export);
  if (values.import !== undefined) {
    const from = fromCaller(values.import);
    await refuseIfServed(dataDir);
    if (values.reset) wipeDataDir(dataDir);
    console.log(describeSnapshot('imported', from, importSnapshot(from, dataDir)));
  }
  // Imported here: only `start` needs the server and its GraphQL dependencies, so teacher commands stay quick.
  const { startLocalBackend } = await import('.');
  const backend = await startLocalBackend({
    port,
    dataDir,
    reset: values.import === undefined && (values.reset ?? false),
    ...(values.outputs === undefined ? {} : { outputsFile: fromCaller(values.outputs) }),
    allowedHosts: values['allow-host'] ?? [],
    ...(values['no-identity-pool-quotas'] ? { identityPoolQuotas: false as const } : {}),
  });
  const stopWatching = values.watch ? watchAmplify(backend, defaultRepoRoot, (text) => console.log(text)) : () => undefined;
  let stopping = false;
  const shutdown = () => {
    // A repeated Ctrl-C (from the terminal and again from pnpm) must not cut the shutdown short.
    if (stopping) return;
    stopping = true;
    stopWatching();
    backend
      .stop()
      .then(() => {
        if (exportTo !== undefined) console.log(describeSnapshot('exported', exportTo, exportSnapshot(dataDir, exportTo)));
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`local backend: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** One line per teacher from ListUsers' UserType. */
function describe(user: JsonObject): string {
  const attributes = new Map(((user.Attributes ?? []) as { Name: string; Value: string }[]).map(({ Name, Value }) => [Name, Value]));
  const name = attributes.get('name');
  const created = new Date(Number(user.UserCreateDate) * 1000).toISOString();
  return `${attributes.get('email') ?? ''}  ${String(user.UserStatus)}${user.Enabled === false ? ' disabled' : ''}  ${created}${name === undefined ? '' : `  ${name}`}`;
}

async function listAll(api: AdminApi): Promise<JsonObject[]> {
  const users: JsonObject[] = [];
  let token: unknown;
  do {
    const page = await api.call('ListUsers', { UserPoolId: api.userPoolId, ...(token === undefined ? {} : { PaginationToken: token }) });
    users.push(...((page.Users ?? []) as JsonObject[]));
    token = page.PaginationToken;
  } while (token !== undefined);
  return users;
}

async function teacher(
  action: string | undefined,
  email: string | undefined,
  values: { password?: string; name?: string; 'data-dir'?: string },
): Promise<void> {
  if (action !== 'list' && email === undefined) throw new UsageError(`teacher ${action ?? ''} needs an email`);
  const dataDir = values['data-dir'] ?? defaultDataDir(defaultRepoRoot);
  const definition = await synthesizeBackend({ repoRoot: defaultRepoRoot, log: () => undefined });
  const api = await openAdminApi({ dataDir, definition, log: (line) => console.log(line) });
  console.error(api.target === dataDir ? `No backend is running on ${dataDir}: changing it directly.` : `Through the admin API at ${api.target}.`);
  const temporaryPassword = () => values.password ?? generateTemporaryPassword(definition.passwordPolicy);
  const user = { UserPoolId: api.userPoolId, Username: email ?? '' };
  try {
    switch (action) {
      case 'add': {
        const password = temporaryPassword();
        const attributes = [{ Name: 'email', Value: user.Username }, ...(values.name === undefined ? [] : [{ Name: 'name', Value: values.name }])];
        const { User } = await api.call('AdminCreateUser', { ...user, TemporaryPassword: password, MessageAction: 'SUPPRESS', UserAttributes: attributes });
        console.log(`Added ${user.Username} (${String((User as JsonObject).UserStatus)}).`);
        console.log(`Temporary password: ${password}`);
        console.log('They choose a new password at their first sign-in.');
        break;
      }
      case 'list': {
        const teachers = await listAll(api);
        console.log(teachers.length === 0 ? 'No teachers yet.' : teachers.map(describe).join('\n'));
        break;
      }
      case 'remove':
        await api.call('AdminDeleteUser', user);
        console.log(`Removed ${user.Username}.`);
        break;
      case 'reset': {
        const password = temporaryPassword();
        await api.call('AdminSetUserPassword', { ...user, Password: password, Permanent: false });
        console.log(`Reset ${user.Username} (FORCE_CHANGE_PASSWORD).`);
        console.log(`Temporary password: ${password}`);
        break;
      }
      case 'disable':
        await api.call('AdminDisableUser', user);
        console.log(`Disabled ${user.Username}: they cannot sign in, and their sessions are revoked.`);
        break;
      case 'enable':
        await api.call('AdminEnableUser', user);
        console.log(`Enabled ${user.Username}.`);
        break;
      default:
        throw new UsageError(`unknown teacher command: ${action ?? '(none)'}`);
    }
  } finally {
    api.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
      outputs: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'no-identity-pool-quotas': { type: 'boolean' },
      import: { type: 'string' },
      export: { type: 'string' },
      watch: { type: 'boolean' },
      password: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values['data-dir'] !== undefined) values['data-dir'] = fromCaller(values['data-dir']);
  const [command, action, email, ...extra] = positionals;
  if (values.help) {
    console.log(usage);
    return;
  }
  if (command === 'start' && action === undefined) return start(values);
  if (command === 'teacher' && extra.length === 0) return teacher(action, email, values);
  const dataDir = values['data-dir'] ?? defaultDataDir(defaultRepoRoot);
  if (command === 'export' && action !== undefined && email === undefined) {
    console.log(describeSnapshot('exported', fromCaller(action), exportSnapshot(dataDir, fromCaller(action))));
    return;
  }
  if (command === 'import' && action !== undefined && email === undefined) {
    await refuseIfServed(dataDir);
    console.log(describeSnapshot('imported', fromCaller(action), importSnapshot(fromCaller(action), dataDir)));
    return;
  }
  throw new UsageError(command === undefined ? 'no command given' : `unexpected arguments: ${positionals.join(' ')}`);
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
  } else if (error instanceof AwsServiceError) {
    console.error(`${error.name}: ${error.message}`);
    process.exitCode = 1;
  } else if (isSystemError(error)) {
    // EADDRINUSE, EACCES, ENOSPC and the like: the sentence says it all, a stack trace would not help.
    console.error(`local backend: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
