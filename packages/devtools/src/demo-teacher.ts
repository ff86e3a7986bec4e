import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Who amplify/seed/seed.ts creates; the teacher app's sign-in hint. */
export const demoTeacherEmail = 'demo.teacher@example.com';

const stateFile = (dataDir: string) => path.join(dataDir, 'demo-teacher.json');

/** The demo teacher's password of this install, if one was chosen. */
export function readDemoPassword(dataDir: string): string | undefined {
  if (!existsSync(stateFile(dataDir))) return undefined;
  const { password } = JSON.parse(readFileSync(stateFile(dataDir), 'utf8')) as { password?: unknown };
  return typeof password === 'string' ? password : undefined;
}

/**
 * The demo teacher's password, generated per install on first use and kept in the data
 * directory (0600): no secret is committed, and it meets any policy amplify/ can set.
 */
export function demoPassword(dataDir: string): string {
  const existing = readDemoPassword(dataDir);
  if (existing) return existing;
  const password = `${randomBytes(9).toString('base64url')}Aa7!`;
  writeFileSync(stateFile(dataDir), JSON.stringify({ password }, null, 2), { mode: 0o600 });
  return password;
}
