import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * Bundles an APPSYNC_JS resolver written in TypeScript into the one ES module AppSync runs,
 * with `@aws-appsync/utils` left to the runtime (the settings AppSync's docs give for esbuild).
 */
export function appsyncCode(entry: URL): string {
  const result = buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
    sourcemap: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no code for ${entry.pathname}`);
  return output.text;
}
