import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export interface SandboxIdentifier {
  namespace: string;
  name: string;
  type: 'sandbox';
}

/**
 * The identifier `ampx sandbox` gives a developer's backend: the root package.json name
 * as namespace and the OS user name as name.
 */
export function sandboxIdentifier(repoRoot: string): SandboxIdentifier {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name?: unknown };
  if (typeof manifest.name !== 'string' || manifest.name === '') {
    throw new Error(`${join(repoRoot, 'package.json')} has no "name"; ampx uses it as the backend namespace`);
  }
  return { namespace: manifest.name, name: userInfo().username, type: 'sandbox' };
}

/** The CDK context `ampx sandbox` passes to amplify/backend.ts. */
export function sandboxContext(id: SandboxIdentifier): Record<string, string> {
  return {
    'amplify-backend-namespace': id.namespace,
    'amplify-backend-name': id.name,
    'amplify-backend-type': id.type,
  };
}
