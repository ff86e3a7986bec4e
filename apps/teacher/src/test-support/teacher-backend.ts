import path from 'node:path';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { startLocalBackend, type LocalBackend, type UserPoolAdmin } from '@exam-results/local-backend';
import { signInUser, startTempBackend, waitFor as waitForChange, type ManualClock } from '@exam-results/local-backend/testing';
import { getCurrentUser, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { dataApi, type DataApi, type DataClient, type Exam } from '../lib/data-api';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

export interface TeacherBackend {
  backend: LocalBackend;
  /** The backend's clock: real time plus whatever a test moves it on by (to make tokens expire). */
  clock: ManualClock;
  admin: UserPoolAdmin;
  /** The real aws-amplify data client, as the signed-in teacher. */
  client: DataClient;
  /** The app's data API on that client. */
  api: DataApi;
  /** The same teacher in another browser tab: its own client, writing over HTTP. */
  otherTab(): DataApi;
  /** After `backend.stop()`: the backend again on the same port and data (the caller stops it). */
  startAgain(): Promise<LocalBackend>;
  /** Every exam of the signed-in teacher, as the server has them now. */
  listExams(): Promise<Exam[]>;
  /** The signed-in teacher's owner value (`<sub>::<username>`), as the app's session has it. */
  owner(): Promise<string>;
  /** Creates a teacher as the CLI does and signs in through the real client, setting a password. */
  signInNewTeacher(email: string, name?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real local backend on a free port with a temporary data directory, and this process's
 * Amplify configured from the amplify_outputs.json it wrote, exactly as the app does.
 */
export async function startTeacherBackend(): Promise<TeacherBackend> {
  const test = await startTempBackend({ prefix: 'teacher-app-test-', repoRoot });
  configureAmplify(test.outputs);
  const client = generateClient<Schema>();
  const { port } = test.backend;
  return {
    backend: test.backend,
    clock: test.clock,
    admin: test.admin,
    client,
    api: dataApi(client),
    otherTab: () => dataApi(generateClient<Schema>()),
    startAgain: () =>
      startLocalBackend({ port, dataDir: test.dataDir, outputsFile: path.join(test.dataDir, 'amplify_outputs.json'), clock: test.clock, repoRoot }),
    async listExams() {
      const { data, errors } = await client.models.Exam.list({ limit: 1000 });
      if (errors?.length) throw new Error(JSON.stringify(errors));
      return data;
    },
    async owner() {
      const { userId, username } = await getCurrentUser();
      return `${userId}::${username}`;
    },
    async signInNewTeacher(email, name) {
      await signInUser(test, email, { singleton: true, ...(name === undefined ? {} : { name }) });
    },
    async stop() {
      await signOut().catch(() => undefined);
      await test.stop().catch(() => undefined);
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
  return waitForChange({ read: () => store.getSnapshot(), subscribe: (listener) => store.subscribe(listener) }, condition, what, ms);
}
