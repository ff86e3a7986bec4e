import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { PasswordPolicy } from './password-policy';

/** The settings of the synthesized user pool, app client and identity pool this backend honours. */
export interface AuthSettings {
  passwordPolicy: PasswordPolicy;
  /** The app client's ExplicitAuthFlows, e.g. ALLOW_USER_SRP_AUTH. */
  explicitAuthFlows: string[];
  allowUnauthenticatedIdentities: boolean;
}

export function readAuthSettings(backend: SynthesizedBackend): AuthSettings {
  return {
    passwordPolicy: backend.passwordPolicy,
    explicitAuthFlows: backend.userPoolClient.explicitAuthFlows,
    allowUnauthenticatedIdentities: backend.identityPool.allowUnauthenticatedIdentities,
  };
}
