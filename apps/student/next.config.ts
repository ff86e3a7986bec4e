import path from 'node:path';
import type { NextConfig } from 'next';
import { amplifyOutputsPath } from '@exam-results/amplify-config/outputs-path';

const appDir = import.meta.dirname;
const workspaceRoot = path.resolve(appDir, '../..');

// Turbopack reads an absolute alias as relative to the app, and no file outside the
// workspace root at all, so the outputs are aliased by a path relative to the app.
function outputsAlias(): string {
  const outputs = amplifyOutputsPath();
  if (path.relative(workspaceRoot, outputs).startsWith('..')) {
    throw new Error(`AMPLIFY_OUTPUTS=${outputs}: Turbopack cannot read files outside ${workspaceRoot}; put the outputs inside the repository`);
  }
  return `./${path.relative(appDir, outputs)}`;
}

const nextConfig: NextConfig = {
  transpilePackages: ['@exam-results/amplify-config', '@exam-results/live-data'],
  turbopack: {
    resolveAlias: { '@amplify-outputs': outputsAlias() },
  },
};

export default nextConfig;
