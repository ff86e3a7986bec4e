import { join } from 'node:path';
import { region } from './shared/pool-ids';
import { readServerFile } from './shared/server-file';
import { adminProfile } from './user-pool';

/**
 * The environment that points the AWS SDK and CLI at the backend serving `dataDir`, as an
 * administrator: CloudFormation, S3 (the codegen assets) and the user pool's endpoints, the region, and the install's
 * administrator credentials as a shared-credentials profile. What `ampx sandbox seed` reads
 * from the environment on AWS is read the same way here, so `amplify/seed/seed.ts` runs
 * unmodified. Undefined when no backend serves the directory.
 */
export function localAwsEnvironment(dataDir: string): Record<string, string> | undefined {
  const server = readServerFile(dataDir);
  if (!server) return undefined;
  return {
    AWS_ENDPOINT_URL_CLOUDFORMATION: `${server.url}/cloudformation`,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `${server.url}/cognito-idp`,
    AWS_ENDPOINT_URL_S3: `${server.url}/s3`,
    AWS_REGION: region,
    AWS_SHARED_CREDENTIALS_FILE: join(dataDir, 'admin-credentials'),
    AWS_PROFILE: adminProfile,
  };
}
