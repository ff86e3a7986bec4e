/**
 * Guest (unauthenticated) credentials from a Cognito identity pool, as AWS asks apps to get
 * them: one identity per browser, kept in storage with its credentials, which are reused until
 * shortly before they expire. Concurrent callers share one request, so a page opening several live lists at
 * once still makes exactly one GetId and one GetCredentialsForIdentity. Throttling
 * (`TooManyRequestsException`) is retried with backoff.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** When they stop working. */
  expiration: Date;
}

/** Where the identity id is kept between page loads (localStorage in a browser). */
export interface IdentityStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface GuestCredentialsOptions {
  identityPoolId: string;
  /** `https://cognito-identity.<region>.amazonaws.com/` unless the local backend's is given. */
  endpoint?: string | undefined;
  storage?: IdentityStorage | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  now?: () => number;
  /** Waits between retries; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/** An identity pool error, named as Cognito names it (`__type`). */
export class IdentityPoolError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

// Renewed this long before expiry, so a request signed now is still valid when it arrives.
const renewBeforeMs = 5 * 60 * 1000;
const retriedTypes = new Set(['TooManyRequestsException', 'LimitExceededException', 'InternalErrorException', 'ServiceUnavailable']);
const maxAttempts = 6;

export function memoryStorage(): IdentityStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export function createGuestCredentials(options: GuestCredentialsOptions): { get(): Promise<AwsCredentials> } {
  const region = options.identityPoolId.split(':')[0] ?? 'us-east-1';
  const endpoint = options.endpoint ?? `https://cognito-identity.${region}.amazonaws.com/`;
  const storage = options.storage ?? memoryStorage();
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const identityKey = `exam-results.guest-identity.${options.identityPoolId}`;
  const credentialsKey = `exam-results.guest-credentials.${options.identityPoolId}`;
  let current: AwsCredentials | undefined = storedCredentials();
  let pending: Promise<AwsCredentials> | undefined;

  /** Credentials an earlier page load of this browser got, so a reload does not ask again. */
  function storedCredentials(): AwsCredentials | undefined {
    try {
      const stored = JSON.parse(storage.getItem(credentialsKey) ?? 'null') as (Omit<AwsCredentials, 'expiration'> & { expiration: string }) | null;
      return stored ? { ...stored, expiration: new Date(stored.expiration) } : undefined;
    } catch {
      return undefined;
    }
  }

  async function call(operation: string, body: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let json: Record<string, unknown> = {};
      try {
        response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` },
          body: JSON.stringify(body),
        });
        json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      } catch (error) {
        if (attempt >= maxAttempts) throw error;
      }
      if (response?.ok) return json;
      const type = String(response?.headers.get('x-amzn-errortype') ?? json['__type'] ?? 'NetworkError').split(':')[0] ?? 'NetworkError';
      if (response && (!retriedTypes.has(type) || attempt >= maxAttempts)) throw new IdentityPoolError(type, String(json['message'] ?? `${operation} failed`));
      // Full jitter over an exponential ceiling: a class opening the page at once spreads out.
      await sleep(Math.random() * Math.min(8000, 200 * 2 ** attempt));
    }
  }

  async function identityId(): Promise<string> {
    const stored = storage.getItem(identityKey);
    if (stored) return stored;
    const { IdentityId } = await call('GetId', { IdentityPoolId: options.identityPoolId });
    if (typeof IdentityId !== 'string') throw new IdentityPoolError('InvalidResponse', 'GetId returned no IdentityId');
    storage.setItem(identityKey, IdentityId);
    return IdentityId;
  }

  async function fetchCredentials(): Promise<AwsCredentials> {
    let id = await identityId();
    let answer: Record<string, unknown>;
    try {
      answer = await call('GetCredentialsForIdentity', { IdentityId: id });
    } catch (error) {
      // A stored identity the pool no longer knows (its pool was reset): start with a new one, once.
      if (!(error instanceof IdentityPoolError) || (error.type !== 'ResourceNotFoundException' && error.type !== 'NotAuthorizedException')) throw error;
      storage.removeItem(identityKey);
      id = await identityId();
      answer = await call('GetCredentialsForIdentity', { IdentityId: id });
    }
    const raw = answer['Credentials'] as { AccessKeyId?: string; SecretKey?: string; SessionToken?: string; Expiration?: number } | undefined;
    if (!raw?.AccessKeyId || !raw.SecretKey || !raw.SessionToken) throw new IdentityPoolError('InvalidResponse', 'GetCredentialsForIdentity returned no credentials');
    return {
      accessKeyId: raw.AccessKeyId,
      secretAccessKey: raw.SecretKey,
      sessionToken: raw.SessionToken,
      expiration: new Date((raw.Expiration ?? now() / 1000 + 3600) * 1000),
    };
  }

  return {
    get() {
      if (current && current.expiration.getTime() - renewBeforeMs > now()) return Promise.resolve(current);
      pending ??= fetchCredentials().then(
        (credentials) => {
          current = credentials;
          storage.setItem(credentialsKey, JSON.stringify(credentials));
          pending = undefined;
          return credentials;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}
