import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import { createAwsJsonHandler } from '../shared/aws-json-protocol';
import type { HttpHandler } from '../shared/server';
import type { ServiceContext } from '../shared/service-context';
import type { UserPool } from '../user-pool';
import { createCredentialStore, type StoredCredentials } from './credentials';
import { getCredentialsForIdentity } from './operations/get-credentials-for-identity';
import { getId } from './operations/get-id';
import { applyQuotas, type IdentityPoolQuotas } from './request-quotas';
import type { IdentityPoolServices } from './services';

export type { StoredCredentials } from './credentials';
export type { IdentityPoolQuotas } from './request-quotas';

export interface IdentityPool {
  /** The Cognito identity pool API (`AWSCognitoIdentityService.<Operation>`). */
  handleHttp: HttpHandler;
  /** Credentials it minted, expired ones included (check `expiration`), so SigV4 signatures can be verified. */
  findCredentials(accessKeyId: string): StoredCredentials | undefined;
}

/**
 * The Cognito identity pool with guest access as synthesized, whose signed-in
 * identities are proven by id tokens of `userPool`, under AWS's request-rate quotas
 * unless `quotas` says otherwise.
 */
export function createIdentityPool(
  context: ServiceContext,
  definition: Pick<SynthesizedBackend, 'identityPool'>,
  userPool: Pick<UserPool, 'issuer' | 'verifyIdToken'>,
  quotas: IdentityPoolQuotas = {},
): IdentityPool {
  const credentials = createCredentialStore(context.db, context.clock, context.ids);
  const services: IdentityPoolServices = {
    ids: context.ids,
    credentials,
    verifyIdToken: userPool.verifyIdToken,
    providerName: userPool.issuer.replace(/^https?:\/\//, ''),
    allowUnauthenticatedIdentities: definition.identityPool.allowUnauthenticatedIdentities,
  };
  return {
    handleHttp: createAwsJsonHandler(
      'AWSCognitoIdentityService',
      applyQuotas({ GetId: getId(services), GetCredentialsForIdentity: getCredentialsForIdentity(services) }, quotas, context.clock),
      context.log,
      undefined,
      context.observers,
    ),
    findCredentials: credentials.findCredentials,
  };
}
