import { AwsServiceError } from '../shared/aws-errors';
import type { Operation } from '../shared/aws-json-protocol';
import type { Clock } from '../shared/clock';

/** The operations this identity pool serves, each with a request-rate quota. */
export type QuotaOperation = 'GetId' | 'GetCredentialsForIdentity';

/**
 * Requests per second each operation is allowed, for the whole backend (AWS counts them per
 * account and Region); `false` turns the quotas off, e.g. for benchmarks.
 */
export type IdentityPoolQuotas = Partial<Record<QuotaOperation, number>> | false;

/** AWS's default request-rate quotas of these operations (Quotas in Amazon Cognito). */
export const defaultIdentityPoolQuotas: Readonly<Record<QuotaOperation, number>> = { GetId: 25, GetCredentialsForIdentity: 200 };

export class TooManyRequestsException extends AwsServiceError {
  override readonly name = 'TooManyRequestsException';
  override readonly status = 429;
  constructor() {
    super('Rate exceeded');
  }
}

/**
 * A token bucket of `perSecond` tokens, refilled continuously by `clock`: a burst of a
 * second's worth is served at once, and then the rate.
 */
function tokenBucket(perSecond: number, clock: Clock): () => boolean {
  let tokens = perSecond;
  let filledAt = clock.now().getTime();
  return () => {
    const now = clock.now().getTime();
    tokens = Math.min(perSecond, tokens + ((now - filledAt) / 1000) * perSecond);
    filledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** `operations` with their quotas applied: past its rate an operation answers TooManyRequestsException. */
export function applyQuotas(operations: Record<QuotaOperation, Operation>, quotas: IdentityPoolQuotas, clock: Clock): Record<QuotaOperation, Operation> {
  if (quotas === false) return operations;
  const limited = { ...operations };
  for (const name of Object.keys(operations) as QuotaOperation[]) {
    const take = tokenBucket(quotas[name] ?? defaultIdentityPoolQuotas[name], clock);
    const operation = operations[name];
    limited[name] = (input) => {
      if (!take()) throw new TooManyRequestsException();
      return operation(input);
    };
  }
  return limited;
}
