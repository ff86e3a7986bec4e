import { controlUrl } from './environment';

async function call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${controlUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A teacher as `pnpm teacher add` creates one: FORCE_CHANGE_PASSWORD, with a temporary password. */
export function addTeacher(email: string, name?: string): Promise<{ email: string; temporaryPassword: string }> {
  return call('POST', '/teachers', { email, name });
}

async function backendLog(): Promise<string[]> {
  return (await call<{ lines: string[] }>('GET', '/log')).lines;
}

/** The reset code the backend wrote to its log for this address (no mail is sent locally). */
export async function resetCodeFor(email: string): Promise<string> {
  const prefix = `password reset code for ${email}: `;
  for (let attempt = 0; attempt < 50; attempt++) {
    const line = (await backendLog()).findLast((candidate) => candidate.includes(prefix));
    if (line) return line.slice(line.indexOf(prefix) + prefix.length).trim();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no password reset code for ${email} in the backend log`);
}

/**
 * Marks a test that stops the shared backend: playwright.config.ts runs these one at a time after
 * every other test, which may run side by side.
 */
export const stopsTheBackend = { tag: '@stops-backend' } as const;

/**
 * Moves the backend's clock on (a release time), or back to real time. Tests that do run with
 * those that stop the backend, one at a time, since every test shares the backend's clock.
 */
export async function advanceBackendClock(ms: number): Promise<void> {
  await call('POST', '/clock/advance', { ms });
}

export async function resetBackendClock(): Promise<void> {
  await call('POST', '/clock/reset');
}

export async function stopBackend(): Promise<void> {
  await call('POST', '/backend/stop');
}

export async function startBackend(): Promise<void> {
  await call('POST', '/backend/start');
}

/** A unique address per test run, so tests never depend on each other's teachers. */
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}
