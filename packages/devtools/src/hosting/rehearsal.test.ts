import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rehearseHosting } from './rehearsal';

/** Commits `files` to a new git repository (branch main) and returns its path. */
function repository(parent: string, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(parent, 'repo-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Rehearsal Test', '-c', 'user.email=rehearsal@example.com', 'commit', '-q', '-m', 'fixture');
  return root;
}

/** A one-app monorepo whose frontend phases are `phases` (YAML) and whose build must leave dist/. */
function spec(phases: string): string {
  return `version: 1
applications:
  - appRoot: apps/web
    env:
      variables:
        GREETING: hello
    frontend:
      phases:
${phases}
      artifacts:
        baseDirectory: dist
        files:
          - '**/*'
`;
}

const WEB_APP = { 'apps/web/package.json': JSON.stringify({ name: 'web', private: true }) };

interface Run {
  lines: string[];
  error?: Error;
  /** The rehearsal's temporary directory, read from its log. */
  workDir: string;
}

async function rehearse(repoRoot: string, signal?: AbortSignal): Promise<Run> {
  const lines: string[] = [];
  const run = rehearseHosting({ repoRoot, log: (line) => lines.push(line), ...(signal ? { signal } : {}) });
  const error = await run.then(
    () => undefined,
    (rejection: unknown) => (rejection instanceof Error ? rejection : new Error(String(rejection))),
  );
  const clone = lines.map((line) => / into (\S+)$/.exec(line)?.[1]).find(Boolean);
  assert.ok(clone, `the rehearsal cloned the repository:\n${lines.join('\n')}`);
  return { lines, workDir: path.dirname(clone), ...(error ? { error } : {}) };
}

describe('rehearseHosting', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'rehearsal-test-'));
    // As when the rehearsal runs under `pnpm test`: none of this may reach the builds.
    process.env['npm_config_user_agent'] ??= 'pnpm/10 rehearsal-test';
    process.env['INIT_CWD'] ??= scratch;
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test("runs the phases' commands in order from the appRoot in one shell, with Hosting's variables, then checks the artifacts", async () => {
    const repo = repository(scratch, {
      ...WEB_APP,
      'amplify.yml': spec(`        preBuild:
          commands:
            - echo start=$(basename $PWD) app=$AWS_APP_ID branch=$AWS_BRANCH root=$AMPLIFY_MONOREPO_APP_ROOT greeting=$GREETING ci=$CI
            - echo leaked=\${npm_config_user_agent:-none},\${INIT_CWD:-none}
            - export CARRIED=yes && mkdir -p sub && cd sub
        build:
          commands:
            - echo in=$(basename $PWD) carried=$CARRIED
            - cd .. && mkdir -p dist && echo page > dist/index.html`),
    });
    const { lines, error, workDir } = await rehearse(repo);
    assert.equal(error, undefined, lines.join('\n'));
    const output = lines.filter((line) => !line.includes('# Executing command:'));
    const expected = ['[web] start=web app=rehearsal-web branch=main root=apps/web greeting=hello ci=true', '[web] leaked=none,none', '[web] in=sub carried=yes'];
    assert.deepEqual(output.filter((line) => expected.includes(line)), expected);
    assert.ok(lines.some((line) => line.startsWith('[web] # Executing command: cd .. && mkdir -p dist')));
    assert.equal(existsSync(workDir), false, 'the clone is removed');
  });

  test('the first failing command stops the build', async () => {
    const repo = repository(scratch, {
      ...WEB_APP,
      'amplify.yml': spec(`        build:
          commands:
            - echo before
            - test -f missing-file
            - echo never`),
    });
    const { lines, error, workDir } = await rehearse(repo);
    assert.match(error?.message ?? '', /^`test -f missing-file` exited with code 1/);
    assert.ok(lines.includes('[web] before'));
    assert.ok(!lines.includes('[web] never'));
    assert.equal(existsSync(workDir), false);
  });

  test('what a command leaves running in the background is ended with it', async () => {
    const repo = repository(scratch, {
      ...WEB_APP,
      'amplify.yml': spec('        build:\n          commands:\n            - sleep 300 & echo pid=$!\n            - mkdir -p dist && touch dist/index.html'),
    });
    const lines: string[] = [];
    // The timeout only bounds this test if the background process kept the command open.
    await rehearseHosting({ repoRoot: repo, log: (line) => lines.push(line), commandTimeoutMs: 60_000 });
    const pid = Number(lines.map((line) => /pid=(\d+)$/.exec(line)?.[1]).find(Boolean));
    assert.ok(pid > 0, lines.join('\n'));
    // Killed, it may linger a moment as a zombie until it is reaped.
    const ended = () => {
      try {
        process.kill(pid, 0);
      } catch {
        return true;
      }
      return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    };
    const deadline = Date.now() + 10_000;
    while (!ended() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(ended(), `process ${pid} still runs`);
  });

  test('a command Hosting could not even echo fails here too (amplify-hosting#1337)', async () => {
    // Valid bash on its own; inside Hosting's echo "# Executing command: …" its double quote ends that string early.
    const repo = repository(scratch, { ...WEB_APP, 'amplify.yml': spec(`        build:\n          commands:\n            - echo 'say "hi'`) });
    const { error, lines } = await rehearse(repo);
    assert.match(error?.message ?? '', /exited with code 2/);
    assert.ok(lines.some((line) => /unexpected EOF while looking for matching/.test(line)), lines.join('\n'));
  });

  test('npm install -g lands in a temporary prefix first on PATH, never in this machine', async () => {
    const repo = repository(scratch, {
      ...WEB_APP,
      'tool/package.json': JSON.stringify({ name: 'rehearsal-probe-tool', version: '1.0.0', bin: { 'rehearsal-probe-tool': 'cli.js' } }),
      'tool/cli.js': "#!/usr/bin/env node\nconsole.log('probe tool ran');\n",
      'amplify.yml': spec(`        build:
          commands:
            - npm install -g ../../tool
            - rehearsal-probe-tool
            - echo prefix=$(npm prefix -g)
            - mkdir -p dist && touch dist/index.html`),
    });
    const { lines, error, workDir } = await rehearse(repo);
    assert.equal(error, undefined, lines.join('\n'));
    assert.ok(lines.includes('[web] probe tool ran'));
    assert.ok(lines.includes(`[web] prefix=${path.join(workDir, 'npm-global-0')}`), lines.join('\n'));
    assert.doesNotMatch(execFileSync('npm', ['ls', '-g', '--depth=0'], { encoding: 'utf8' }), /rehearsal-probe-tool/);
  });

  test('npx ampx: only the workspace ampx is replaced, and only for the commands that need AWS', async () => {
    const step = (command: string) => spec(`        build:\n          commands:\n            - ${command}`);
    // A committed stand-in for the ampx binary pnpm would install, so npx finds one.
    const withAmpx = { ...WEB_APP, 'node_modules/.bin/ampx': '#!/bin/sh\nexit 99\n' };

    const noAmpx = await rehearse(repository(scratch, { ...WEB_APP, 'amplify.yml': step('npx ampx generate outputs --branch main --app-id d1') }));
    assert.ok(noAmpx.lines.some((line) => line.includes('npx finds no ampx in node_modules/.bin')), noAmpx.lines.join('\n'));

    const notDeployed = await rehearse(repository(scratch, { ...withAmpx, 'amplify.yml': step('(cd ../.. && npx ampx generate outputs --branch main --app-id d1)') }));
    assert.ok(notDeployed.lines.some((line) => line.includes('[StackDoesNotExistError] Stack does not exist. No backend was deployed for app d1, branch main')));
    assert.match(notDeployed.error?.message ?? '', /exited with code 1/);

    const sandbox = await rehearse(repository(scratch, { ...withAmpx, 'amplify.yml': step('(cd ../.. && npx ampx sandbox)') }));
    assert.ok(sandbox.lines.some((line) => line.includes('npx ampx sandbox: needs AWS')));

    const noBackend = await rehearse(repository(scratch, { ...withAmpx, 'amplify.yml': step('(cd ../.. && npx ampx pipeline-deploy --branch main --app-id d1)') }));
    assert.ok(noBackend.lines.some((line) => line.includes('Amplify Backend not found in')), noBackend.lines.join('\n'));

    const otherNpx = await rehearse(repository(scratch, { ...WEB_APP, 'amplify.yml': step('npx --version && mkdir -p dist && touch dist/index.html') }));
    assert.equal(otherNpx.error, undefined, otherNpx.lines.join('\n'));
  });

  test("nvm install <major> selects the rehearsal's own Node for the commands after it, and refuses any other major", async () => {
    const major = process.versions.node.split('.')[0];
    const ok = await rehearse(repository(scratch, {
      ...WEB_APP,
      'amplify.yml': spec(`        preBuild:\n          commands:\n            - nvm install ${major}\n        build:\n          commands:\n            - echo node=$(node -v) && mkdir -p dist && touch dist/index.html`),
    }));
    assert.equal(ok.error, undefined, ok.lines.join('\n'));
    assert.ok(ok.lines.includes(`[web] node=${process.version}`), ok.lines.join('\n'));
    const other = await rehearse(repository(scratch, { ...WEB_APP, 'amplify.yml': spec('        preBuild:\n          commands:\n            - nvm install 18') }));
    assert.match(other.error?.message ?? '', /^`nvm install 18` exited with code 1/);
  });

  test('stopping it ends the running command and still cleans up', async () => {
    const repo = repository(scratch, { ...WEB_APP, 'amplify.yml': spec('        build:\n          commands:\n            - sleep 600') });
    const controller = new AbortController();
    const lines: string[] = [];
    const log = (line: string) => {
      lines.push(line);
      if (line.includes('sleep 600')) controller.abort();
    };
    // The timeout only bounds this test if stopping were broken.
    const run = rehearseHosting({ repoRoot: repo, signal: controller.signal, log, commandTimeoutMs: 60_000 });
    await assert.rejects(run, /`sleep 600` was stopped/);
    const clone = lines.map((line) => / into (\S+)$/.exec(line)?.[1]).find(Boolean) ?? '';
    assert.equal(existsSync(path.dirname(clone)), false);
  });
});
