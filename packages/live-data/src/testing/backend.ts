import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createAmplifyContext } from 'aws-amplify';
import { createAWSCredentialsAndIdentityIdProvider, createUserPoolsTokenProvider } from 'aws-amplify/adapter-core';
import { confirmSignIn, signIn } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import type { KeyValueStorageInterface } from 'aws-amplify/utils';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify, toResourcesConfig, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { openTeacherAdmin, startLocalBackend, type LocalBackend } from '@exam-results/local-backend';
import type { ExamResultsClient } from '../exam-data';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

// Node 20 has no global WebSocket; Amplify's real-time client needs one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface TestBackend {
  outputs: AmplifyOutputsLike;
  /** Adds a teacher and signs them in through the real client, in a context of their own. */
  teacher(email: string): Promise<ExamResultsClient>;
  /** Stops the backend and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function memoryStorage(): KeyValueStorageInterface {
  const items = new Map<string, string>();
  return {
    setItem: async (key, value) => void items.set(key, value),
    getItem: async (key) => items.get(key) ?? null,
    removeItem: async (key) => void items.delete(key),
    clear: async () => items.clear(),
  };
}

/**
 * A teacher's data client. Its tokens live in a storage of its own, so the
 * process's Amplify singleton (the guest the tests watch with) stays a guest.
 */
async function teacherClient(outputs: AmplifyOutputsLike, email: string, temporaryPassword: string): Promise<ExamResultsClient> {
  const config = toResourcesConfig(outputs);
  if (!config.Auth) throw new Error('amplify_outputs.json has no auth');
  const storage = memoryStorage();
  const context = createAmplifyContext(config, {
    Auth: {
      tokenProvider: createUserPoolsTokenProvider(config.Auth, storage),
      credentialsProvider: createAWSCredentialsAndIdentityIdProvider(config.Auth, storage),
    },
  });
  const { nextStep } = await signIn(context, { username: email, password: temporaryPassword });
  if (nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') throw new Error(`unexpected sign-in step ${nextStep.signInStep}`);
  await confirmSignIn(context, { challengeResponse: `${temporaryPassword}Xy7!` });
  return generateClient<Schema>(context, { authMode: 'userPool' });
}

/**
 * A real local backend on a free port with a temporary data directory, the
 * process's Amplify singleton configured for it as the student app does.
 */
export async function startTestBackend(): Promise<TestBackend> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'live-data-test-'));
  const outputsFile = path.join(dataDir, 'amplify_outputs.json');
  const log: string[] = [];
  const start = (port: number) => startLocalBackend({ port, dataDir, outputsFile, log: (line) => log.push(line) });
  let backend: LocalBackend | undefined = await start(0);
  const { port } = backend;
  const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyOutputsLike;
  configureAmplify(outputs);
  return {
    outputs,
    async teacher(email) {
      const admin = await openTeacherAdmin({ dataDir, repoRoot });
      try {
        const { temporaryPassword } = admin.add(email);
        return await teacherClient(outputs, email, temporaryPassword);
      } finally {
        admin.close();
      }
    },
    async restart() {
      await backend?.stop();
      backend = undefined;
      backend = await start(port);
    },
    async stop() {
      await backend?.stop();
      backend = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The guest client, exactly as the student app makes it: identity pool credentials, no sign-in. */
export function guestClient(): ExamResultsClient {
  return generateClient<Schema>({ authMode: 'identityPool' });
}
