/** An error whose message a teacher can read: what went wrong and what to do next. */
export class DataError extends Error {
  override name = 'DataError';

  /** The API's errorType when it refused the request, e.g. `ExamHasResults`. */
  constructor(
    message: string,
    readonly errorType?: string,
  ) {
    super(message);
  }
}

/** The errorType of the first GraphQL error that has one. */
export function errorTypeOf(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors.map((error: { errorType?: unknown }) => error?.errorType).find((type): type is string => typeof type === 'string');
}

// The sentences amplify/data/resource.ts gives its `validate` checks: already written for a teacher.
const VALIDATION_MESSAGE = /[^\n]*(?:is at most \d+ characters|cannot be empty|points at most|Points are out of)[^\n]*/;

interface ErrorLike {
  message?: unknown;
  name?: unknown;
  errorType?: unknown;
  /** the cause, as api-graphql wraps a failed request or a failed fetchAuthSession */
  originalError?: unknown;
  underlyingError?: unknown;
  /** observeQuery reports `{ type, error }`; a failed subscription carries `errors` */
  error?: unknown;
  errors?: unknown;
}

function texts(error: unknown): string[] {
  if (Array.isArray(error)) return error.flatMap(texts);
  if (typeof error !== 'object' || error === null) return [String(error)];
  const { message, name, errorType, originalError, underlyingError, error: inner, errors } = error as ErrorLike;
  const own = [message, name, errorType].filter((value): value is string => typeof value === 'string');
  const causes = [originalError, underlyingError, inner, errors].filter((value) => value !== undefined);
  return [...own, ...causes.flatMap(texts)];
}

interface Reason {
  pattern: RegExp;
  text: string;
  /** Only when changing data, not when reading it. */
  writesOnly?: true;
}

const reasons: Reason[] = [
  {
    pattern: /ConditionalCheckFailed/i,
    text: 'It was changed or removed somewhere else (another tab or device). The list now shows the latest version.',
  },
  {
    pattern: /ExamHasResults/,
    text: 'It still has results, perhaps added in another tab or device.',
  },
  {
    pattern: /NetworkError|network error|Failed to fetch|ECONNREFUSED|fetch failed/i,
    text: 'The server could not be reached. Check your connection and try again.',
  },
  // the whole request refused (HTTP 401) or no usable tokens: the sign-in is no longer valid
  {
    pattern: /UnauthorizedException|NotAuthorized|UserUnAuthenticated|NoValidAuthTokens|NoCredentials/i,
    text: 'Your session has ended. Sign out, sign in again, and retry.',
  },
  // fetchAuthSession failed and only its summary is left: offline, or the session is gone
  {
    pattern: /NoSignedUser|No current user/i,
    text: 'Your sign-in could not be checked: the server may be unreachable, or your session has ended. Try again, or sign out and sign in again.',
  },
  // one mutation refused: AppSync answers so for a record that is gone or is another owner's
  {
    pattern: /Unauthorized|Not Authorized/i,
    text: 'It was deleted somewhere else (another tab or device), or it belongs to another teacher.',
    writesOnly: true,
  },
  { pattern: /Unauthorized|Not Authorized/i, text: 'Your session may have ended. Sign out, sign in again, and retry.' },
  { pattern: /Validation|invalid value|InvalidInput/i, text: 'The server did not accept these values. Check them and try again.' },
  { pattern: /Throttl|TooManyRequests|LimitExceeded/i, text: 'The server is busy. Wait a moment and try again.' },
];

/**
 * Turns whatever the Amplify client reported (GraphQL errors, a failed request, an error
 * message) into one sentence for a teacher, never the raw error.
 */
export function readableReason(errors: unknown, { reading = false } = {}): string {
  const all = texts(errors).join('\n');
  const validation = VALIDATION_MESSAGE.exec(all)?.[0];
  if (validation) return validation.trim();
  const reason = reasons.find(({ pattern, writesOnly }) => !(reading && writesOnly) && pattern.test(all));
  return reason?.text ?? 'The server did not complete the request. Try again in a moment.';
}

/** What to show for a failure caught anywhere: the DataError's own text, or a readable reason. */
export function messageOf(error: unknown): string {
  return error instanceof DataError ? error.message : readableReason(error);
}

/**
 * Whether the server gave no verdict on a write, so that sending it again later loses nothing: it
 * could not be reached, or the sign-in could not be checked (nothing was sent). Every answer of
 * the API (a refused write, a session it no longer accepts) carries an errorType.
 */
export function isUnanswered(error: unknown): boolean {
  const type = error instanceof DataError ? error.errorType : errorTypeOf((error as { errors?: unknown } | null)?.errors);
  return type === undefined;
}
