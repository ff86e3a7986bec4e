import path from 'node:path';
import { sandboxIdentifier } from '@exam-results/amplify-synth';
import { localAwsEnvironment } from '@exam-results/local-backend';
import { demoPassword } from './demo-teacher';
import { repoRoot } from './workspace';

export interface SeedProcess {
  command: string;
  args: string[];
  cwd: string;
  /** Set over the caller's environment; `undefined` unsets. */
  env: NodeJS.ProcessEnv;
}

// Credentials and endpoints of the caller's own AWS setup would win over the local backend's.
const callerAwsSettings = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|CREDENTIAL_EXPIRATION|ENDPOINT_URL.*|IGNORE_CONFIGURED_ENDPOINT_URLS|DEFAULT_REGION|CONFIG_FILE|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_.*)$/;

/**
 * How to run amplify/seed/seed.ts against the local backend serving `dataDir`, as
 * `npx ampx sandbox seed` runs it against a cloud sandbox: with tsx, from the repository
 * root, `AMPLIFY_BACKEND_IDENTIFIER` set to the sandbox's identifier, and the AWS SDK pointed
 * at the backend by the environment alone (its CloudFormation and Cognito endpoints and
 * administrator profile). The demo teacher's password is this install's.
 */
export function seedProcess(options: { dataDir: string; outputsPath: string }): SeedProcess {
  const aws = localAwsEnvironment(options.dataDir);
  if (!aws) throw new Error(`no local backend serves ${options.dataDir}: start it first (pnpm dev)`);
  const unset = Object.fromEntries(Object.keys(process.env).filter((name) => callerAwsSettings.test(name)).map((name) => [name, undefined]));
  return {
    command: process.execPath,
    args: ['--import', import.meta.resolve('tsx'), path.join('amplify', 'seed', 'seed.ts')],
    cwd: repoRoot,
    env: {
      ...unset,
      ...aws,
      // seed.ts must not fall back on the caller's ~/.aws/config for the administrator profile.
      AWS_CONFIG_FILE: path.join(options.dataDir, 'aws-config-none'),
      AMPLIFY_BACKEND_IDENTIFIER: JSON.stringify(sandboxIdentifier(repoRoot)),
      AMPLIFY_OUTPUTS: options.outputsPath,
      DEMO_TEACHER_PASSWORD: demoPassword(options.dataDir),
      // @aws-sdk/core's switch for its eight-line NodeVersionSupportWarning on Node older than 22;
      // pnpm dev and pnpm seed say it once, in one line (node-version.ts).
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  };
}
