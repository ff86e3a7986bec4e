/**
 * `pnpm --filter @exam-results/devtools rehearse:hosting`: the Amplify Hosting builds of amplify.yml,
 * rehearsed offline on the current commit (see src/hosting/rehearsal.ts). Ctrl-C stops it and cleans up.
 */
import { rehearseHosting } from './hosting/rehearsal';
import { repoRoot } from './workspace';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());

try {
  const result = await rehearseHosting({ repoRoot, log: (line) => console.log(line), signal: controller.signal });
  console.log(`\nHosting rehearsal of ${result.commit.slice(0, 12)} (branch ${result.branch}) passed in ${result.seconds.toFixed(0)} s`);
  for (const app of result.apps) {
    console.log(`  ${app.appRoot.padEnd(14)} ${app.seconds.toFixed(0).padStart(4)} s  ${app.artifacts.files} files in ${app.artifacts.baseDirectory}`);
  }
} catch (error) {
  console.error(`\nHosting rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
