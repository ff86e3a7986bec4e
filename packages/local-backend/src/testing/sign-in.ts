import type { Schema } from '@exam-results/amplify/data/resource';
import { toResourcesConfig, type AmplifyOutputsLike } from '@exam-results/amplify-config';
import { createAmplifyContext } from 'aws-amplify';
import { createAWSCredentialsAndIdentityIdProvider, createUserPoolsTokenProvider } from 'aws-amplify/adapter-core';
import { confirmSignIn, fetchAuthSession, signIn } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import type { UserPoolAdmin } from '../user-pool';
import type { AwsCredentials } from './credentials';
import { memoryStorage } from './memory-storage';

type DataClient = ReturnType<typeof generateClient<Schema>>;

/** A user signed in through the real client. */
export interface SignedInUser {
  email: string;
  sub: string;
  /** The password they chose at their first sign-in. */
  password: string;
  /** The data client as this user (`authMode: 'userPool'`). */
  client: DataClient;
  /**
   * Another data client of this user's: with their identity pool credentials
   * (`identityPool`, the authenticated role), or sending `authToken` in place of their token.
   */
  dataClient(options: { authMode: 'userPool' | 'identityPool'; authToken?: string }): DataClient;
  accessToken(): Promise<string>;
  idToken(): Promise<string>;
  /** The identity pool's credentials for this signed-in user. */
  credentials(): Promise<AwsCredentials>;
}

interface SignInOptions {
  name?: string;
  /** The password chosen at the first sign-in. */
  password?: string;
  /**
   * Sign in on this process's Amplify singleton (configured by the test, as the apps
   * configure it) instead of an Amplify context with a token storage of its own.
   */
  singleton?: boolean;
}

/**
 * Adds a user as an administrator does and takes them through their first sign-in
 * (temporary password, then a password of their own), as the Authenticator does.
 */
export async function signInUser(
  backend: { admin: UserPoolAdmin; outputs: AmplifyOutputsLike },
  email: string,
  options: SignInOptions = {},
): Promise<SignedInUser> {
  const password = options.password ?? 'Chosen-Password-42';
  const { user, temporaryPassword } = backend.admin.addUser(email, options.name === undefined ? {} : { name: options.name });
  const config = toResourcesConfig(backend.outputs);
  if (!config.Auth) throw new Error('amplify_outputs.json has no auth');
  const storage = options.singleton ? undefined : memoryStorage();
  const context =
    storage &&
    createAmplifyContext(config, {
      Auth: {
        tokenProvider: createUserPoolsTokenProvider(config.Auth, storage),
        credentialsProvider: createAWSCredentialsAndIdentityIdProvider(config.Auth, storage),
      },
    });
  const input = { username: email, password: temporaryPassword };
  const { nextStep } = await (context ? signIn(context, input) : signIn(input));
  if (nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') throw new Error(`unexpected sign-in step ${nextStep.signInStep}`);
  await (context ? confirmSignIn(context, { challengeResponse: password }) : confirmSignIn({ challengeResponse: password }));
  const session = () => (context ? fetchAuthSession(context) : fetchAuthSession());
  const dataClient: SignedInUser['dataClient'] = (clientOptions) =>
    context ? generateClient<Schema>(context, clientOptions) : generateClient<Schema>(clientOptions);
  return {
    email,
    sub: user.sub,
    password,
    client: dataClient({ authMode: 'userPool' }),
    dataClient,
    async accessToken() {
      const token = (await session()).tokens?.accessToken.toString();
      if (!token) throw new Error(`no access token for ${email}`);
      return token;
    },
    async idToken() {
      const token = (await session()).tokens?.idToken?.toString();
      if (!token) throw new Error(`no id token for ${email}`);
      return token;
    },
    async credentials() {
      const credentials = (await session()).credentials;
      if (!credentials?.sessionToken) throw new Error(`no credentials for ${email}`);
      return { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken };
    },
  };
}
