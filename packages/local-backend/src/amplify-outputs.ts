import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { ApiDefinition } from './appsync';
import type { PoolIds } from './shared/pool-ids';

/** Where the local backend serves what amplify_outputs.json points the apps at. */
interface LocalEndpoints {
  ids: PoolIds;
  dataUrl: string;
  userPoolEndpoint: string;
  identityPoolEndpoint: string;
}

const mfaConfigurations: Record<string, string> = { OFF: 'NONE', OPTIONAL: 'OPTIONAL', ON: 'REQUIRED' };

const passwordRequirements: Record<string, string> = {
  REQUIRES_LOWERCASE: 'require_lowercase',
  REQUIRES_NUMBERS: 'require_numbers',
  REQUIRES_SYMBOLS: 'require_symbols',
  REQUIRES_UPPERCASE: 'require_uppercase',
};

/** The `auth` section, built from the root stack's literal outputs the way `ampx` builds it; ids and URLs are the local ones. */
function authOutputs(ids: PoolIds, stack: Record<string, string>): Record<string, unknown> {
  const auth: Record<string, unknown> = {
    user_pool_id: ids.userPoolId,
    aws_region: ids.region,
    user_pool_client_id: ids.userPoolClientId,
    identity_pool_id: ids.identityPoolId,
  };
  const lists: [string, string][] = [
    ['mfa_methods', 'mfaTypes'],
    ['standard_required_attributes', 'signupAttributes'],
    ['username_attributes', 'usernameAttributes'],
    ['user_verification_types', 'verificationMechanisms'],
    ['groups', 'groups'],
  ];
  for (const [key, output] of lists) {
    if (stack[output]) auth[key] = JSON.parse(stack[output]);
  }
  const mfa = stack['mfaConfiguration'];
  if (mfa && mfaConfigurations[mfa]) auth['mfa_configuration'] = mfaConfigurations[mfa];
  if (stack['passwordPolicyMinLength'] || stack['passwordPolicyRequirements']) {
    const policy: Record<string, unknown> = {
      min_length: Number.parseInt(stack['passwordPolicyMinLength'] ?? '8', 10),
      require_lowercase: false,
      require_numbers: false,
      require_symbols: false,
      require_uppercase: false,
    };
    for (const requirement of JSON.parse(stack['passwordPolicyRequirements'] ?? '[]') as string[]) {
      const key = passwordRequirements[requirement];
      if (key) policy[key] = true;
    }
    auth['password_policy'] = policy;
  }
  if (stack['allowUnauthenticatedIdentities']) {
    auth['unauthenticated_identities_enabled'] = stack['allowUnauthenticatedIdentities'] === 'true';
  }
  return auth;
}

/**
 * Writes amplify_outputs.json in the shape `ampx sandbox` writes (version 1.5, the
 * default of the installed CLI), pointed at this backend, plus the local Cognito
 * endpoints under `custom.local_backend`. Written atomically; returns what was written.
 */
export function writeAmplifyOutputs(
  file: string,
  synthesized: Pick<SynthesizedBackend, 'rootStackOutputs'>,
  api: ApiDefinition,
  local: LocalEndpoints,
): Record<string, unknown> {
  const outputs = {
    auth: authOutputs(local.ids, synthesized.rootStackOutputs),
    data: {
      url: local.dataUrl,
      aws_region: local.ids.region,
      default_authorization_type: api.defaultAuthMode,
      authorization_types: api.additionalAuthModes,
      model_introspection: api.modelIntrospection,
    },
    version: '1.5',
    custom: {
      local_backend: {
        user_pool_endpoint: local.userPoolEndpoint,
        identity_pool_endpoint: local.identityPoolEndpoint,
      },
    },
  };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(outputs, null, 2)}\n`);
  renameSync(temporary, file);
  return outputs;
}
