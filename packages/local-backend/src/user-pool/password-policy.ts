import { randomInt } from 'node:crypto';
import type { SynthesizedBackend } from '@exam-results/amplify-synth';

export type PasswordPolicy = SynthesizedBackend['passwordPolicy'];

// The characters Cognito counts as symbols.
const symbols = '^$*.[]{}()?-"!@#%&/\\,><\':;|_~`+=';

/** Cognito's InvalidPasswordException message for a password the policy refuses, or undefined. */
export function passwordPolicyViolation(policy: PasswordPolicy, password: string): string | undefined {
  const problem =
    password.length < policy.minimumLength
      ? 'Password not long enough'
      : policy.requireLowercase && !/[a-z]/.test(password)
        ? 'Password must have lowercase characters'
        : policy.requireUppercase && !/[A-Z]/.test(password)
          ? 'Password must have uppercase characters'
          : policy.requireNumbers && !/[0-9]/.test(password)
            ? 'Password must have numeric characters'
            : policy.requireSymbols && ![...password].some((char) => symbols.includes(char))
              ? 'Password must have symbol characters'
              : undefined;
  return problem && `Password does not conform to policy: ${problem}`;
}

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/** A random temporary password that satisfies `policy` (look-alike characters left out). */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const lower = 'abcdefghijkmnpqrstuvwxyz';
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const required = [pick(lower), pick(upper), pick(digits), ...(policy.requireSymbols ? [pick('!@#%&*+=?')] : [])];
  const length = Math.max(policy.minimumLength, 12);
  const rest = Array.from({ length: length - required.length }, () => pick(lower + upper + digits));
  const chars = [...required, ...rest];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
