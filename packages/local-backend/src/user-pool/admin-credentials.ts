import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The profile tools name (`AWS_PROFILE`) to call the local admin API. */
export const adminProfile = 'local-backend';

/** Long-term credentials of the local administrator: what signs the user pool's Admin* calls. */
export interface AdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** An AWS shared-credentials file holding them under the `local-backend` profile. */
  file: string;
}

function parse(text: string, file: string): AdminCredentials | undefined {
  const accessKeyId = /^aws_access_key_id\s*=\s*(\S+)$/m.exec(text)?.[1];
  const secretAccessKey = /^aws_secret_access_key\s*=\s*(\S+)$/m.exec(text)?.[1];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, file } : undefined;
}

/**
 * The administrator's credentials of this install, generated on first use into
 * `<dataDir>/admin-credentials` (0600; the data directory is gitignored), in the format
 * of `~/.aws/credentials` so the AWS CLI and SDKs read them with
 * `AWS_SHARED_CREDENTIALS_FILE=<file> AWS_PROFILE=local-backend`.
 */
export function loadAdminCredentials(dataDir: string): AdminCredentials {
  const file = join(dataDir, 'admin-credentials');
  const existing = existsSync(file) ? parse(readFileSync(file, 'utf8'), file) : undefined;
  if (existing) return existing;
  const credentials: AdminCredentials = {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    file,
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(
      file,
      `# The local backend's administrator (Cognito Admin* API), generated for this install only.\n` +
        `[${adminProfile}]\naws_access_key_id = ${credentials.accessKeyId}\naws_secret_access_key = ${credentials.secretAccessKey}\n`,
      { mode: 0o600, flag: 'wx' },
    );
  } catch (error) {
    // The server and a CLI starting at once: the one that wrote first wins.
    const written = (error as NodeJS.ErrnoException).code === 'EEXIST' ? parse(readFileSync(file, 'utf8'), file) : undefined;
    if (!written) throw error;
    return written;
  }
  return credentials;
}
