import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { PasswordPolicy } from './password-policy';

/** The settings of the synthesized user pool, app client and identity pool this backend honours. */
export interface AuthSettings {
  passwordPolicy: PasswordPolicy;
  /** The app client's ExplicitAuthFlows, e.g. ALLOW_USER_SRP_AUTH. */
  explicitAuthFlows: string[];
  allowUnauthenticatedIdentities: boolean;
}

interface Resource {
  Type?: string;
  Properties?: Record<string, unknown>;
}

function onlyProperties(template: Record<string, unknown>, type: string): Record<string, unknown> {
  const resources = Object.values((template.Resources ?? {}) as Record<string, Resource>).filter((r) => r.Type === type);
  const [resource, ...others] = resources;
  if (!resource || others.length > 0) throw new Error(`expected exactly one ${type} in the synthesized auth stack`);
  return resource.Properties ?? {};
}

export function readAuthSettings(backend: SynthesizedBackend): AuthSettings {
  const client = onlyProperties(backend.authTemplate, 'AWS::Cognito::UserPoolClient');
  const identityPool = onlyProperties(backend.authTemplate, 'AWS::Cognito::IdentityPool');
  const flows = client.ExplicitAuthFlows;
  return {
    passwordPolicy: backend.passwordPolicy,
    // Without ExplicitAuthFlows Cognito enables SRP, refresh and custom auth.
    explicitAuthFlows: Array.isArray(flows)
      ? flows.filter((flow): flow is string => typeof flow === 'string')
      : ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'],
    allowUnauthenticatedIdentities: identityPool.AllowUnauthenticatedIdentities === true,
  };
}
