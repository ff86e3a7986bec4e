import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { rehearseHosting } from './hosting/rehearsal';
import { repoRoot } from './workspace';

const installedNext = (JSON.parse(readFileSync(createRequire(path.join(repoRoot, 'apps/teacher/package.json')).resolve('next/package.json'), 'utf8')) as { version: string }).version;

// Two fresh installs and two Next.js builds: a few minutes on a 2-core machine. The timeout only bounds a hang.
test("amplify.yml builds both apps as Amplify Hosting would, against the local backend the teacher app's build deploys, and leaves nothing behind", { timeout: 20 * 60_000 }, async () => {
  const lines: string[] = [];
  const result = await rehearseHosting({ repoRoot, log: (line) => lines.push(line) }).catch((error: unknown) => {
    console.log(lines.slice(-100).join('\n'));
    throw error;
  });
  console.log(`Hosting rehearsal of ${result.commit.slice(0, 12)}: ${result.seconds.toFixed(0)} s (${result.apps.map((app) => `${app.appRoot} ${app.seconds.toFixed(0)} s`).join(', ')})`);
  // Where the minutes went, command by command.
  for (const line of lines) if (line.includes('# Command took ')) console.log(line);

  assert.deepEqual(result.apps.map((app) => app.appRoot), ['apps/teacher', 'apps/student']);
  assert.ok(lines.some((line) => line.startsWith('[teacher] Synthesizing amplify/ as the branch deployment of app rehearsal-teacher')), 'pipeline-deploy synthesized the branch backend');
  for (const app of ['teacher', 'student']) assert.ok(lines.includes(`[${app}] Now using node ${process.version}`), `the ${app} app builds on Node ${process.version} (nvm install in amplify.yml)`);
  assert.equal(result.backendUrls.length, 1, 'one backend, deployed by the teacher app');
  const [teacher, student] = result.apps;
  assert.match(teacher?.bundledUserPoolId ?? '', /^[a-z]{2}-[a-z]+-\d_\w+$/);
  assert.equal(student?.bundledUserPoolId, teacher?.bundledUserPoolId, "the student app was built with the teacher app's backend");
  for (const app of result.apps) {
    assert.equal(app.artifacts.nextVersion, installedNext);
    assert.ok(app.artifacts.files > 0);
  }

  assert.equal(existsSync(result.workDir), false, 'the clones and the backend data are removed');
  for (const url of result.backendUrls) await assert.rejects(fetch(url), `the local backend at ${url} is stopped`);
});
