import path from 'node:path';
import type { NextConfig } from 'next';
import { amplifyOutputsPath } from '@exam-results/amplify-config/outputs-path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const outputs = amplifyOutputsPath();

// Turbopack reads an absolute alias as relative to its root (the repository) and resolves
// nothing outside that root, so the alias is a ./ path from this app to a file in the repository.
if (path.relative(repoRoot, outputs).startsWith('..')) {
  throw new Error(`AMPLIFY_OUTPUTS must point inside the repository (${repoRoot}); got ${outputs}`);
}

const nextConfig: NextConfig = {
  transpilePackages: ['@exam-results/amplify-config', '@exam-results/live-data'],
  turbopack: {
    root: repoRoot,
    resolveAlias: { '@amplify-outputs': `./${path.relative(import.meta.dirname, outputs)}` },
  },
};

export default nextConfig;
