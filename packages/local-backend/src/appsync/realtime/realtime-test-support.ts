import { createHash, createHmac } from 'node:crypto';
import type { AmplifyOutputsLike } from '@exam-results/amplify-config';
import { WebSocket } from 'ws';
import type { LocalBackend } from '../../index';
import { startTempBackend, type AwsCredentials } from '../../testing';
import type { RealtimeOptions } from './realtime-endpoint';

/**
 * A bare AppSync real-time client for tests and the benchmark: it speaks the wire
 * protocol directly (so tests can send what the Amplify client never would) and signs
 * with SigV4 itself, independently of the server's verifier.
 */

interface ServerMessage {
  type: string;
  id?: string;
  payload?: Record<string, unknown> & { errors?: { errorType: string; message: string; errorCode?: number }[] };
}

async function callIdentityPool(endpoint: string, operation: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${operation} failed: ${JSON.stringify(json)}`);
  return json;
}

/** Guest credentials from the identity pool, as a student's browser gets them. */
export async function guestCredentials(identityPoolEndpoint: string, identityPoolId: string): Promise<AwsCredentials> {
  const { IdentityId } = await callIdentityPool(identityPoolEndpoint, 'GetId', { IdentityPoolId: identityPoolId });
  const { Credentials } = (await callIdentityPool(identityPoolEndpoint, 'GetCredentialsForIdentity', { IdentityId })) as {
    Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string };
  };
  return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken };
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The headers the Amplify client sends for an IAM-authorized real-time message: the
 * fixed real-time headers, signed over `POST <url>` with `body`.
 */
export function signRealtimeRequest(credentials: AwsCredentials, region: string, url: string, body: string, now = new Date()): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const { host, pathname } = new URL(url);
  const headers: Record<string, string> = {
    accept: 'application/json, text/javascript',
    'content-encoding': 'amz-1.0',
    'content-type': 'application/json; charset=UTF-8',
    host,
    'x-amz-date': amzDate,
    'x-amz-security-token': credentials.sessionToken,
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', pathname, '', names.map((name) => `${name}:${headers[name]}\n`).join(''), names.join(';'), sha256(body)].join('\n');
  const scope = `${date}/${region}/appsync/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date);
  for (const part of [region, 'appsync', 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, stringToSign).toString('hex');
  return {
    ...headers,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** The `header-` subprotocol carrying connect-time authorization headers. */
export function headerSubprotocol(headers: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;
}

/** A `start` message as the Amplify client builds it. */
export function startMessage(id: string, data: string, authorization: Record<string, string>): string {
  return JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } });
}

/** An open real-time socket that records every server message and lets a test wait for the next ones. */
export class RawRealtimeClient {
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Opens a socket with the given subprotocols (default: `graphql-ws` and no auth header). */
  static open(realtimeUrl: string, protocols: string[] = ['graphql-ws']): Promise<RawRealtimeClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(realtimeUrl, protocols);
      socket.once('open', () => resolve(new RawRealtimeClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens, sends `connection_init` and waits for `connection_ack`. */
  static async connect(realtimeUrl: string, connectHeaders: Record<string, string>): Promise<RawRealtimeClient> {
    const client = await RawRealtimeClient.open(realtimeUrl, ['graphql-ws', headerSubprotocol(connectHeaders)]);
    client.send({ type: 'connection_init' });
    await client.next((message) => message.type === 'connection_ack');
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first recorded message matching `predicate`, removed from the record; waits up to `timeoutMs`. */
  next(predicate: (message: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.messages.findIndex(predicate);
        const found = index >= 0 ? this.messages.splice(index, 1)[0] : undefined;
        if (found) {
          finish();
          resolve(found);
        } else if (this.closed) {
          finish();
          reject(new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves with the close code and reason once the server has closed the socket. */
  async closedBy(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    await this.next(() => false, timeoutMs).catch(() => undefined);
    if (!this.closed) throw new Error(`socket still open after ${timeoutMs} ms`);
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** What a test needs to reach a running backend, from the amplify_outputs.json it wrote. */
export interface RealtimeTestBackend {
  backend: LocalBackend;
  dataDir: string;
  outputs: AmplifyOutputsLike & { data: { url: string; aws_region: string }; auth: { identity_pool_id: string } };
  dataUrl: string;
  realtimeUrl: string;
  region: string;
  logLines: string[];
  /** Stops the backend and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A backend on a free port with a fresh temporary data directory. */
export async function startRealtimeTestBackend(realtime: RealtimeOptions = {}): Promise<RealtimeTestBackend> {
  const test = await startTempBackend('local-backend-realtime-', { realtime });
  const outputs = test.outputs as RealtimeTestBackend['outputs'];
  const dataUrl = outputs.data.url;
  return {
    get backend() {
      return test.backend;
    },
    dataDir: test.dataDir,
    outputs,
    dataUrl,
    realtimeUrl: `${dataUrl.replace(/^http/, 'ws')}/realtime`,
    region: outputs.data.aws_region,
    logLines: test.logLines,
    restart: test.restart,
    stop: test.stop,
  };
}
