import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { openTeacherAdmin, startLocalBackend, type Clock, type LocalBackend, type TeacherAdmin } from '@exam-results/local-backend';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { WebSocket } from 'ws';
import { dataApi, type DataApi, type DataClient, type Exam } from '../lib/data-api';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** The backend's clock: real time plus whatever a test moves it on by (to make tokens expire). */
export class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TeacherBackend {
  backend: LocalBackend;
  clock: MovableClock;
  admin: TeacherAdmin;
  /** The real aws-amplify data client, as the signed-in teacher. */
  client: DataClient;
  /** The app's data API on that client. */
  api: DataApi;
  /** The same teacher in another browser tab: its own client, writing over HTTP. */
  otherTab(): DataApi;
  /** Every exam of the signed-in teacher, as the server has them now. */
  listExams(): Promise<Exam[]>;
  /** Creates a teacher as the CLI does and signs in through the real client, setting a password. */
  signInNewTeacher(email: string, name?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real local backend on a free port with a temporary data directory, and this process's
 * Amplify configured from the amplify_outputs.json it wrote, exactly as the app does.
 */
export async function startTeacherBackend(): Promise<TeacherBackend> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'teacher-app-test-'));
  const outputsFile = path.join(dataDir, 'amplify_outputs.json');
  const clock = new MovableClock();
  const backend = await startLocalBackend({ port: 0, dataDir, clock, outputsFile, repoRoot, log: () => undefined });
  // Node 20 has no WebSocket; browsers do. Amplify opens one for subscriptions.
  globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
  configureAmplify(JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyOutputsLike);
  const admin = await openTeacherAdmin({ dataDir, repoRoot });
  const client = generateClient<Schema>();
  return {
    backend,
    clock,
    admin,
    client,
    api: dataApi(client),
    otherTab: () => dataApi(generateClient<Schema>()),
    async listExams() {
      const { data, errors } = await client.models.Exam.list({ limit: 1000 });
      if (errors?.length) throw new Error(JSON.stringify(errors));
      return data;
    },
    async signInNewTeacher(email, name) {
      const { temporaryPassword } = admin.add(email, name === undefined ? {} : { name });
      const { nextStep } = await signIn({ username: email, password: temporaryPassword });
      if (nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
        throw new Error(`expected a new password to be required, got ${nextStep.signInStep}`);
      }
      await confirmSignIn({ challengeResponse: 'Chosen-Password-42' });
    },
    async stop() {
      await signOut().catch(() => undefined);
      admin.close();
      await backend.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `condition` holds for the store's state, checked on every change; fails after `ms`. */
export function waitFor<T>(
  store: { subscribe(listener: () => void): () => void; getSnapshot(): T },
  condition: (state: T) => boolean,
  what: string,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = store.getSnapshot();
      if (!condition(state)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const unsubscribe = store.subscribe(() => void check());
    check();
  });
}
