import { generateClient } from 'aws-amplify/data';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { signInUser, startTempBackend } from '@exam-results/local-backend/testing';
import type { ExamResultsClient } from '../exam-data';

export interface TestBackend {
  outputs: AmplifyOutputsLike;
  /** Adds a teacher and signs them in through the real client, in a context of their own. */
  teacher(email: string): Promise<ExamResultsClient>;
  /** Stops the backend and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real local backend on a free port with a temporary data directory, the
 * process's Amplify singleton configured for it as the student app does.
 */
export async function startTestBackend(): Promise<TestBackend> {
  const test = await startTempBackend({ prefix: 'live-data-test-' });
  configureAmplify(test.outputs);
  return {
    outputs: test.outputs,
    teacher: async (email) => (await signInUser(test, email)).client,
    restart: test.restart,
    stop: test.stop,
  };
}

/** The guest client, exactly as the student app makes it: identity pool credentials, no sign-in. */
export function guestClient(): ExamResultsClient {
  return generateClient<Schema>({ authMode: 'identityPool' });
}
