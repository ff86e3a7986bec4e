import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Version of a package as the backend definition in `amplifyDir` would load it. */
function installedVersion(amplifyDir: string, name: string): string {
  let dir = dirname(createRequire(join(amplifyDir, 'package.json')).resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${name} installed for ${amplifyDir}`);
    dir = parent;
  }
}

/**
 * A hash of everything that decides what synthesis produces: every file under amplify/
 * (path and content), the installed Amplify backend and CDK versions, and the CDK context.
 */
export function backendFingerprint(amplifyDir: string, context: Record<string, string>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({
    context,
    backend: installedVersion(amplifyDir, '@aws-amplify/backend'),
    cdk: installedVersion(amplifyDir, 'aws-cdk-lib'),
  }));
  for (const file of listFiles(amplifyDir).sort()) {
    const content = readFileSync(file);
    hash.update(`\0${relative(amplifyDir, file).split(sep).join('/')}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex').slice(0, 16);
}
