import { util, type Context } from '@aws-appsync/utils';

/**
 * Whether the caller owns a record whose owner field holds `owner`, matched as Amplify's
 * generated owner rules match it (`<sub>::<username>`, or a legacy `<sub>` or `<username>`).
 * Backend IAM callers (not identity-pool users) pass, as they do in the generated auth.
 */
export function callerOwns(ctx: Context, owner: unknown): boolean {
  const identity = ctx.identity as { sub?: string; username?: string; cognitoIdentityPoolId?: string | null } | null;
  if (util.authType() === 'IAM Authorization') return !identity?.cognitoIdentityPoolId;
  const sub = identity?.sub;
  const username = identity?.username;
  if (!sub || !username || typeof owner !== 'string') return false;
  return owner === `${sub}::${username}` || owner === sub || owner === username;
}
