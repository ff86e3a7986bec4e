#!/usr/bin/env tsx
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AwsServiceError } from './shared/aws-errors';
import { defaultDataDir, defaultPort, defaultRepoRoot } from './shared/paths';
import { openUserPoolAdmin, type PoolUser } from './user-pool/admin';

const usage = `Usage:
  local-backend start [--port ${defaultPort}] [--data-dir DIR] [--reset] [--outputs FILE] [--allow-host NAME]... [--no-identity-pool-quotas]
  local-backend teacher add <email> [--password TEMP] [--name NAME] [--data-dir DIR]
  local-backend teacher list [--data-dir DIR]
  local-backend teacher remove <email> [--data-dir DIR]
  local-backend teacher reset <email> [--password TEMP] [--data-dir DIR]

State lives in DIR (default: <repo>/.local-backend). Teacher commands work on it
directly, whether or not the server is running. The server writes the apps'
amplify_outputs.json to FILE (default: <repo>/amplify_outputs.json). It answers
requests for loopback names only (127.0.0.1, localhost, [::1]) and each --allow-host NAME.
The identity pool throttles as AWS does by default (GetId 25/s, GetCredentialsForIdentity
200/s); --no-identity-pool-quotas turns that off, e.g. for benchmarks.`;

class UsageError extends Error {}

/** A path as the caller meant it: pnpm runs this script from the package, but INIT_CWD is where they typed the command. */
function fromCaller(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function describe(teacher: PoolUser): string {
  const name = teacher.name === undefined ? '' : `  ${teacher.name}`;
  return `${teacher.email}  ${teacher.status}  ${teacher.createdAt.toISOString()}${name}`;
}

async function start(values: {
  port?: string;
  'data-dir'?: string;
  reset?: boolean;
  outputs?: string;
  'allow-host'?: string[];
  'no-identity-pool-quotas'?: boolean;
}): Promise<void> {
  const port = values.port === undefined ? defaultPort : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port ${values.port}`);
  // Imported here: only `start` needs the server and its GraphQL dependencies, so teacher commands stay quick.
  const { startLocalBackend } = await import('.');
  const backend = await startLocalBackend({
    port,
    dataDir: values['data-dir'] ?? defaultDataDir(defaultRepoRoot),
    reset: values.reset ?? false,
    ...(values.outputs === undefined ? {} : { outputsFile: fromCaller(values.outputs) }),
    allowedHosts: values['allow-host'] ?? [],
    ...(values['no-identity-pool-quotas'] ? { identityPoolQuotas: false as const } : {}),
  });
  let stopping = false;
  const shutdown = () => {
    // A repeated Ctrl-C (from the terminal and again from pnpm) must not cut the shutdown short.
    if (stopping) return;
    stopping = true;
    backend.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function teacher(
  action: string | undefined,
  email: string | undefined,
  values: { password?: string; name?: string; 'data-dir'?: string },
): Promise<void> {
  if (action !== 'list' && email === undefined) throw new UsageError(`teacher ${action ?? ''} needs an email`);
  const admin = await openUserPoolAdmin({
    dataDir: values['data-dir'] ?? defaultDataDir(defaultRepoRoot),
    repoRoot: defaultRepoRoot,
  });
  try {
    const target = email ?? '';
    const password = values.password === undefined ? {} : { password: values.password };
    switch (action) {
      case 'add': {
        const { user: teacher, temporaryPassword } = admin.addUser(target, { ...password, ...(values.name === undefined ? {} : { name: values.name }) });
        console.log(`Added ${teacher.email} (${teacher.status}).`);
        console.log(`Temporary password: ${temporaryPassword}`);
        console.log('They choose a new password at their first sign-in.');
        break;
      }
      case 'list': {
        const teachers = admin.listUsers();
        console.log(teachers.length === 0 ? 'No teachers yet.' : teachers.map(describe).join('\n'));
        break;
      }
      case 'remove':
        admin.removeUser(target);
        console.log(`Removed ${target}.`);
        break;
      case 'reset': {
        const { user: teacher, temporaryPassword } = admin.resetPassword(target, password);
        console.log(`Reset ${teacher.email} (${teacher.status}).`);
        console.log(`Temporary password: ${temporaryPassword}`);
        break;
      }
      default:
        throw new UsageError(`unknown teacher command: ${action ?? '(none)'}`);
    }
  } finally {
    admin.close();
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
