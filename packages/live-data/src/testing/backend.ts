import { generateClient } from 'aws-amplify/data';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { putItems, signInUser, startTempBackend, type ManualClock } from '@exam-results/local-backend/testing';
import type { ExamResultsClient } from '../exam-data';
import type { ConnectionStateName } from '../link-status';
import { listenToRealtime } from '../realtime-events';

export interface TestBackend {
  outputs: AmplifyOutputsLike;
  /** Adds a teacher and signs them in through the real client, in a context of their own. */
  teacher(email: string): Promise<ExamResultsClient>;
  /** Stops the backend and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The backend's clock, to move past a release time instead of waiting for it. */
  clock: ManualClock;
  /** Stores items as they are, past the API: data written before a schema change. */
  putItems(model: 'Exam' | 'Result', items: readonly (Record<string, unknown> & { id: string })[]): void;
}

/**
 * A real local backend on a free port with a temporary data directory, the
 * process's Amplify singleton configured for it as the student app does.
 */
export async function startTestBackend(): Promise<TestBackend> {
  const test = await startTempBackend({ prefix: 'live-data-test-' });
  configureAmplify(test.outputs);
  // Amplify's real-time client closes its socket a moment after the last subscription ends; a backend
  // stopped before that looks like an outage to it, and its reconnection timers keep the process alive.
  let state: ConnectionStateName = 'Disconnected';
  const waiting = new Set<() => void>();
  const stopListening = listenToRealtime((event) => {
    if (event.type !== 'connection') return;
    state = event.state;
    if (state === 'Disconnected') for (const resolve of waiting) resolve();
  });
  const disconnected = () =>
    state === 'Disconnected'
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiting.delete(done);
            resolve();
          };
          const timer = setTimeout(done, 10_000);
          waiting.add(done);
        });
  return {
    outputs: test.outputs,
    teacher: async (email) => (await signInUser(test, email)).client,
    restart: test.restart,
    clock: test.clock,
    putItems: (model, items) => putItems(test.dataDir, model, items),
    async stop() {
      await disconnected();
      stopListening();
      await test.stop();
    },
  };
}

/** The guest client, exactly as the student app makes it: identity pool credentials, no sign-in. */
export function guestClient(): ExamResultsClient {
  return generateClient<Schema>({ authMode: 'identityPool' });
}
