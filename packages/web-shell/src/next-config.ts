import type { NextConfig } from 'next';
import { amplifyOutputsAlias } from '@exam-results/amplify-config/outputs-path';

/** The workspace packages the apps import as TypeScript source, for Next.js to compile. */
const SOURCE_PACKAGES = ['@exam-results/amplify-config', '@exam-results/live-data', '@exam-results/web-shell'];

/** The Next.js config of an app of this repository; `appDir` is the app's folder (`import.meta.dirname`). */
export function nextConfig(appDir: string): NextConfig {
  return {
    // The end-to-end tests build into their own folder, so a build or `next dev` here does not disturb them.
    distDir: process.env.NEXT_DIST_DIR ?? '.next',
    transpilePackages: SOURCE_PACKAGES,
    // `pnpm test` typechecks the apps before its browser tests build them: no second check there.
    typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_TYPECHECKED === '1' },
    turbopack: amplifyOutputsAlias(appDir),
  };
}
