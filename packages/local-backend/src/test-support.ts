import { Amplify } from 'aws-amplify';
import { defaultStorage } from 'aws-amplify/utils';
import type { Clock } from './shared/clock';
import type { LocalBackend } from './index';
import { openUserPoolAdmin, type UserPoolAdmin } from './user-pool/admin';
import { defaultRepoRoot } from './shared/paths';
import { ManualClock, startTempBackend } from './testing';

export interface TestBackend {
  backend: LocalBackend;
  clock: ManualClock;
  dataDir: string;
  logLines: string[];
  admin: UserPoolAdmin;
  /** An administrator whose clock runs behind the backend's, to create users "in the past". */
  adminAt(clock: Clock): Promise<UserPoolAdmin>;
  stop(): Promise<void>;
}

/** A backend on a free port with a fresh temporary data directory, and the teacher CLI's admin on it. */
export async function startTestBackend(): Promise<TestBackend> {
  const clock = new ManualClock();
  const { backend, dataDir, logLines, stop } = await startTempBackend('local-backend-test-', { clock });
  const admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
  return {
    backend,
    clock,
    dataDir,
    logLines,
    admin,
    adminAt: (adminClock) => openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot, clock: adminClock }),
    async stop() {
      admin.close();
      await stop();
    },
  };
}

/** Points this process's Amplify singleton at the backend, guests allowed. */
export function configureAmplifyFor(backend: LocalBackend): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: backend.ids.userPoolId,
        userPoolClientId: backend.ids.userPoolClientId,
        identityPoolId: backend.ids.identityPoolId,
        userPoolEndpoint: backend.userPoolEndpoint,
        identityPoolEndpoint: backend.identityPoolEndpoint,
        allowGuestAccess: true,
        loginWith: { email: true },
      },
    },
  });
}

/** The refresh token Amplify holds for the signed-in user (it never hands it out otherwise). */
export async function storedRefreshToken(backend: LocalBackend): Promise<string> {
  const prefix = `CognitoIdentityServiceProvider.${backend.ids.userPoolClientId}`;
  const user = await defaultStorage.getItem(`${prefix}.LastAuthUser`);
  const token = user === null ? null : await defaultStorage.getItem(`${prefix}.${user}.refreshToken`);
  if (!token) throw new Error('no refresh token stored');
  return token;
}

/** Calls a Cognito API directly, as the client would, and returns status and body. */
export async function callAws(
  endpoint: string,
  target: string,
  body: unknown,
): Promise<{ status: number; errorType: string | null; body: Record<string, unknown> }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as Record<string, unknown>,
  };
}
