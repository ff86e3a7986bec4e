import { readFileSync } from 'node:fs';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import type { Schema } from '@exam-results/amplify/data/resource';
import { signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import WebSocket from 'ws';
import { e2eOutputsPath } from './environment';

// Node 20 has no global WebSocket; the real Amplify client in this process needs one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/**
 * The real Amplify client in the test process, signed in as a teacher: what a
 * teacher could do with the API by hand, outside the app.
 */
export async function teacherApi(email: string, password: string) {
  configureAmplify(JSON.parse(readFileSync(e2eOutputsPath, 'utf8')) as AmplifyOutputsLike);
  await signOut();
  const { isSignedIn } = await signIn({ username: email, password });
  if (!isSignedIn) throw new Error(`${email} could not sign in through the API`);
  return { client: generateClient<Schema>(), signOut: () => signOut() };
}
