import { readFileSync } from 'node:fs';
import { configureAmplify, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import type { Schema } from '@exam-results/amplify/data/resource';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import WebSocket from 'ws';
import { addTeacher, uniqueEmail } from './control';
import { e2eOutputsPath } from './environment';

// Node 20 has no global WebSocket; the real Amplify client in this process needs one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A teacher writing through the API: the data client, signed in on this process's Amplify singleton. */
export interface ApiTeacher {
  client: ReturnType<typeof generateClient<Schema>>;
  signOut(): Promise<void>;
}

/**
 * A new teacher, added as `pnpm teacher add` does and taken through the first sign-in by the
 * real Amplify client in the test process: writes through the API, with no teacher page open.
 */
export async function newApiTeacher(label: string, name: string): Promise<ApiTeacher> {
  configureAmplify(JSON.parse(readFileSync(e2eOutputsPath, 'utf8')) as AmplifyOutputsLike);
  await signOut();
  const { email, temporaryPassword } = await addTeacher(uniqueEmail(label), name);
  const { nextStep } = await signIn({ username: email, password: temporaryPassword });
  if (nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') throw new Error(`unexpected sign-in step ${nextStep.signInStep}`);
  await confirmSignIn({ challengeResponse: 'Chosen-Password-42' });
  return { client: generateClient<Schema>(), signOut: () => signOut() };
}

/** What a write returned, or an error naming why it was refused. */
export function written<T>(response: { data: T | null; errors?: readonly { message: string }[] }): T {
  if (!response.data) throw new Error(`write refused: ${response.errors?.map((error) => error.message).join('; ')}`);
  return response.data;
}
