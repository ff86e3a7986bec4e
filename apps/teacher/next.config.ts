import type { NextConfig } from 'next';
import { amplifyOutputsAlias } from '@exam-results/amplify-config/outputs-path';

const nextConfig: NextConfig = {
  // The end-to-end tests build into their own folder, so a build or `next dev` here does not disturb them.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  transpilePackages: ['@exam-results/amplify-config', '@exam-results/live-data'],
  turbopack: amplifyOutputsAlias(import.meta.dirname),
};

export default nextConfig;
