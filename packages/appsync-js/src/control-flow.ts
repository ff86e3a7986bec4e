/** An error a resolver reports to the client: `util.error`, `util.appendError`, `util.unauthorized`. */
export interface ResolverError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** Thrown by `util.error` and `util.unauthorized`: the field resolves to null with this error. */
export class ResolverAbort extends Error {
  override readonly name = 'ResolverAbort';
  constructor(readonly error: ResolverError) {
    super(error.message);
  }
}

/** Thrown by `runtime.earlyReturn`: the handler's result is `value`, and the pipeline skips as asked. */
export class EarlyReturn extends Error {
  override readonly name = 'EarlyReturn';
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT' | undefined,
  ) {
    super('runtime.earlyReturn');
  }
}

/** Resolver code that cannot run: a syntax error, a forbidden import, a missing handler. */
export class ResolverCodeError extends Error {
  override readonly name = 'ResolverCodeError';
}
