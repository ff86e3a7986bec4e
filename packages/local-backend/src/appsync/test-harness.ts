import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { WebSocket } from 'ws';
import { startLocalBackend, type LocalBackend } from '../index';
import { defaultRepoRoot } from '../shared/paths';
import { openUserPoolAdmin, type UserPoolAdmin } from '../user-pool/admin';
import { ManualClock } from '../testing';

export interface AppSyncTestBackend {
  backend: LocalBackend;
  clock: ManualClock;
  dataDir: string;
  outputs: AmplifyOutputsLike & { data: { url: string } };
  admin: UserPoolAdmin;
  logLines: string[];
  /** Stops the server, keeping the data directory. */
  stop(): Promise<void>;
  /** Stops the server and deletes the data directory. */
  dispose(): Promise<void>;
}

/** A backend on a free port with its own data directory and amplify_outputs.json, and Amplify configured for it. */
export async function startAppSyncTestBackend(
  dataDir = mkdtempSync(join(tmpdir(), 'appsync-test-')),
  port = 0,
): Promise<AppSyncTestBackend> {
  const clock = new ManualClock();
  const logLines: string[] = [];
  const outputsFile = join(dataDir, 'amplify_outputs.json');
  const backend = await startLocalBackend({ port, dataDir, clock, outputsFile, log: (line) => logLines.push(line) });
  const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as AppSyncTestBackend['outputs'];
  // Node 20 has no global WebSocket; Amplify needs one to exist once subscriptions are used.
  globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
  configureAmplify(outputs);
  const admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
  const stop = async () => {
    admin.close();
    await backend.stop();
  };
  return {
    backend,
    clock,
    dataDir,
    outputs,
    admin,
    logLines,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SignedInTeacher {
  email: string;
  sub: string;
  accessToken: string;
  idToken: string;
}

/**
 * Makes the Amplify singleton forget who is signed in without revoking their tokens
 * (as closing a browser would), so they stay valid while another teacher signs in.
 */
export async function forgetSignedInUser(): Promise<void> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const target = new Headers(init?.headers).get('x-amz-target');
    if (target?.endsWith('.RevokeToken')) return new Response('{}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } });
    return realFetch(input, init);
  };
  try {
    await signOut();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/**
 * Adds a teacher, signs them in through the real client (choosing a password at the
 * first sign-in) and leaves them signed in; returns their tokens. Whoever was signed
 * in before is forgotten, not signed out, so their tokens keep working.
 */
export async function signInNewTeacher(admin: UserPoolAdmin, email: string): Promise<SignedInTeacher> {
  await forgetSignedInUser();
  const { temporaryPassword, user: teacher } = admin.addUser(email);
  await signIn({ username: email, password: temporaryPassword });
  await confirmSignIn({ challengeResponse: 'Chosen-Password-42' });
  const { tokens } = await fetchAuthSession();
  if (!tokens?.idToken) throw new Error('signed in without tokens');
  return { email, sub: teacher.sub, accessToken: tokens.accessToken.toString(), idToken: tokens.idToken.toString() };
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** The identity pool credentials the real client holds right now (guest ones when nobody is signed in). */
export async function currentCredentials(): Promise<AwsCredentials> {
  const { credentials } = await fetchAuthSession();
  if (!credentials?.sessionToken) throw new Error('no identity pool credentials');
  return { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken };
}

interface RawResponse {
  status: number;
  errorType: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { errorType?: string; message: string; path?: unknown }[] };
}

async function toRaw(response: Response): Promise<RawResponse> {
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as RawResponse['body'],
  };
}

/** POSTs a GraphQL request with exactly the headers given. */
export async function postGraphql(url: string, body: string, headers: Record<string, string>): Promise<RawResponse> {
  return toRaw(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));
}

function hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * SigV4 headers for a POST of `body` to `url`, computed independently of the server's
 * verifier (the real client's signatures are checked elsewhere), so a test can sign
 * with a wrong secret or at another time.
 */
export function signedHeaders(url: string, body: string, credentials: AwsCredentials, at: Date, region = 'us-east-1'): Record<string, string> {
  const { host, pathname } = new URL(url);
  const date = amzDate(at);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host,
    'x-amz-date': date,
    'x-amz-security-token': credentials.sessionToken,
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', pathname, '', ...names.map((name) => `${name}:${headers[name]}`), '', names.join(';'), hex(body)].join('\n');
  const scope = `${day}/${region}/appsync/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, hex(canonical)].join('\n');
  let key = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(day).digest();
  for (const part of [region, 'appsync', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
