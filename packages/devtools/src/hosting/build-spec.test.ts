import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../workspace';
import { BuildSpecError, parseBuildSpec } from './build-spec';

const MINIMAL_APP = `
  - appRoot: apps/web
    frontend:
      phases:
        build:
          commands:
            - npm run build
      artifacts:
        baseDirectory: dist
        files:
          - '**/*'`;

function rejects(spec: string, message: RegExp): void {
  assert.throws(() => parseBuildSpec(spec), (error: Error) => {
    assert.ok(error instanceof BuildSpecError, `a BuildSpecError, got ${error.name}: ${error.message}`);
    assert.match(error.message, message);
    return true;
  });
}

describe('parseBuildSpec', () => {
  test("this repository's amplify.yml: the teacher app deploys the backend, the student app fetches it by BACKEND_APP_ID", () => {
    const apps = parseBuildSpec(readFileSync(path.join(repoRoot, 'amplify.yml'), 'utf8'));
    assert.deepEqual(apps.map((app) => app.appRoot), ['apps/teacher', 'apps/student']);
    const [teacher, student] = apps;
    assert.ok(teacher?.backend?.build.some((command) => command.includes('npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID')));
    assert.equal(student?.backend, undefined);
    assert.ok(student?.frontend.preBuild.some((command) => command.includes('npx ampx generate outputs --branch $AWS_BRANCH --app-id $BACKEND_APP_ID')));
    for (const app of apps) assert.deepEqual(app.artifacts, { baseDirectory: '.next', files: ['**/*'] });
  });

  test('reads phases in order, env variables and artifacts', () => {
    const [app] = parseBuildSpec(`
version: 1
applications:
  - appRoot: apps/web
    env:
      variables:
        RETRIES: 3
    backend:
      phases:
        build:
          commands:
            - npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID
    frontend:
      phases:
        preBuild:
          commands: [npm ci]
        build:
          commands: [npm run build, npm run check]
      artifacts:
        baseDirectory: dist
        files: ['**/*']
      cache:
        paths: [node_modules/**/*]
`);
    assert.deepEqual(app, {
      appRoot: 'apps/web',
      variables: { RETRIES: '3' },
      backend: { preBuild: [], build: ['npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID'], postBuild: [] },
      frontend: { preBuild: ['npm ci'], build: ['npm run build', 'npm run check'], postBuild: [] },
      artifacts: { baseDirectory: 'dist', files: ['**/*'] },
    });
  });

  test('refuses what it cannot rehearse faithfully, naming where it is', () => {
    rejects(`version: 1\napplications:${MINIMAL_APP}\n      buildPath: /`, /applications\[0\]\.frontend\.buildPath is not rehearsed/);
    rejects(`version: 1\napplications:${MINIMAL_APP}\n    test:\n      phases: {}`, /applications\[0\]\.test is not rehearsed/);
    rejects(`version: 1\nfrontend:\n  phases: {}`, /the document\.frontend is not rehearsed/);
    rejects(
      `version: 1\napplications:${MINIMAL_APP.replace('npm run build', 'pnpm exec ampx pipeline-deploy --branch main --app-id x')}`,
      /applications\[0\]\.frontend\.phases\.build\.commands\[0\] calls ampx other than as `npx ampx`/,
    );
  });

  test('says what is missing or malformed', () => {
    rejects(`version: 0.1\napplications:${MINIMAL_APP}`, /version must be 1/);
    rejects('version: 1\napplications: []', /applications must list the apps/);
    rejects(`version: 1\napplications:${MINIMAL_APP.replace('appRoot: apps/web', 'appRoot: ../elsewhere')}`, /appRoot must be a path inside the repository/);
    rejects(`version: 1\napplications:${MINIMAL_APP.replace("- '**/*'", '- 7')}`, /artifacts\.files\[0\] must be a non-empty string/);
    rejects(`version: 1\napplications:${MINIMAL_APP.replace('        baseDirectory: dist\n', '')}`, /artifacts\.baseDirectory must be a non-empty string/);
    rejects(`version: 1\napplications:${MINIMAL_APP}${MINIMAL_APP}`, /appRoot apps\/web is listed twice/);
    const withBackend = (root: string) =>
      MINIMAL_APP.replace('apps/web', root).replace('    frontend:', '    backend:\n      phases:\n        build:\n          commands: [npx ampx pipeline-deploy --branch b --app-id a]\n    frontend:');
    rejects(`version: 1\napplications:${withBackend('apps/one')}${withBackend('apps/two')}`, /more than one app deploys the backend/);
    rejects('version: 1\napplications: [', /not valid YAML/);
  });
});
