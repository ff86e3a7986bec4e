import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface WorkspacePackage {
  name: string;
  dir: string;
  scripts: Record<string, string>;
}

/** The workspace's packages in a stable order: amplify/, then packages/*, then apps/*. */
export function workspacePackages(): WorkspacePackage[] {
  const dirs = [
    path.join(repoRoot, 'amplify'),
    ...['packages', 'apps'].flatMap((group) =>
      readdirSync(path.join(repoRoot, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(repoRoot, group, entry.name))
        .sort(),
    ),
  ];
  return dirs
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name: string;
        scripts?: Record<string, string>;
      };
      return { name: manifest.name, dir, scripts: manifest.scripts ?? {} };
    });
}
