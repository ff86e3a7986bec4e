import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface PublicJwk {
  kid: string;
  alg: 'RS256';
  kty: 'RSA';
  use: 'sig';
  e: string;
  n: string;
}

function readPem(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The RSA key that signs this install's tokens: generated on first start into the
 * (gitignored) data directory and reused afterwards, so tokens survive restarts.
 */
export function loadSigningKey(dataDir: string): SigningKey {
  const path = join(dataDir, 'signing-key.pem');
  let pem = readPem(path);
  if (pem === undefined) {
    const generated = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    try {
      writeFileSync(path, generated, { flag: 'wx', mode: 0o600 });
      pem = generated;
    } catch (error) {
      // Another process (CLI or server) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      pem = readFileSync(path, 'utf8');
    }
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const { e, n } = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint: a stable key id derived from the public key.
  const kid = createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
  return { kid, privateKey, publicKey };
}

export function publicJwk(key: SigningKey): PublicJwk {
  const { e, n } = key.publicKey.export({ format: 'jwk' });
  if (typeof e !== 'string' || typeof n !== 'string') throw new Error('signing key is not an RSA key');
  return { kid: key.kid, alg: 'RS256', kty: 'RSA', use: 'sig', e, n };
}
