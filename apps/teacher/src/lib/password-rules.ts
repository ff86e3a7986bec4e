/** The user pool's password policy as amplify_outputs.json carries it (`auth.password_policy`). */
export interface PasswordPolicy {
  min_length?: number;
  require_lowercase?: boolean;
  require_uppercase?: boolean;
  require_numbers?: boolean;
  require_symbols?: boolean;
}

const inWords = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** What a new password must have, in one sentence, so that a teacher can choose one that is accepted the first time. */
export function passwordRules(policy: PasswordPolicy | undefined): string | undefined {
  if (!policy) return undefined;
  const needs = [
    policy.require_lowercase && 'a lowercase letter',
    policy.require_uppercase && 'a capital letter',
    policy.require_numbers && 'a number',
    policy.require_symbols && 'a symbol',
  ].filter((need): need is string => typeof need === 'string');
  // Cognito's own minimum when the policy leaves the length out.
  const length = `At least ${policy.min_length ?? 8} characters`;
  return needs.length === 0 ? `${length}.` : `${length}, with ${inWords(needs)}.`;
}
