import type { Schema } from '@exam-results/amplify/data/resource';
import { toResourcesConfig, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { createAmplifyContext } from 'aws-amplify';
import { createAWSCredentialsAndIdentityIdProvider, createUserPoolsTokenProvider } from 'aws-amplify/adapter-core';
import { confirmSignIn, fetchAuthSession, signIn } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { defaultRepoRoot } from '../shared/paths';
import { openUserPoolAdmin } from '../user-pool/admin';
import { memoryStorage } from './memory-storage';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** A teacher signed in through the real client in an Amplify context of their own. */
export interface TestTeacher {
  /** `authMode: 'userPool'` with this teacher's tokens. */
  client: ReturnType<typeof generateClient<Schema>>;
  accessToken(): Promise<string>;
  /** The identity pool's credentials for this signed-in teacher (the authenticated role). */
  credentials(): Promise<AwsCredentials>;
}

/**
 * Adds a teacher as the CLI does and signs them in, new password included. Their tokens
 * live in a storage of their own, so this process's Amplify singleton stays as it is.
 */
export async function signInTeacher(backend: { dataDir: string; outputs: AmplifyOutputsLike }, email: string): Promise<TestTeacher> {
  const admin = await openUserPoolAdmin({ dataDir: backend.dataDir, repoRoot: defaultRepoRoot });
  let temporaryPassword: string;
  try {
    temporaryPassword = admin.addUser(email).temporaryPassword;
  } finally {
    admin.close();
  }
  const config = toResourcesConfig(backend.outputs);
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
  await confirmSignIn(context, { challengeResponse: 'Correct-Horse-42' });
  return {
    client: generateClient<Schema>(context, { authMode: 'userPool' }),
    async accessToken() {
      const token = (await fetchAuthSession(context)).tokens?.accessToken.toString();
      if (!token) throw new Error(`no access token for ${email}`);
      return token;
    },
    async credentials() {
      const credentials = (await fetchAuthSession(context)).credentials;
      if (!credentials?.sessionToken) throw new Error(`no credentials for ${email}`);
      return { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken };
    },
  };
}
