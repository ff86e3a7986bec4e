import type { Schema } from '@exam-results/amplify/data/resource';
import type { ExamResultsClient } from '@exam-results/live-data';
import { generateClient } from 'aws-amplify/data';

let client: ExamResultsClient | undefined;

/** The only data client of the app: every call is signed with the identity pool's guest credentials. */
export function dataClient(): ExamResultsClient {
  client ??= generateClient<Schema>({ authMode: 'identityPool' });
  return client;
}
