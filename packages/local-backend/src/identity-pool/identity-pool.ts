import { createAwsJsonHandler } from '../shared/aws-json-protocol';
import type { HttpHandler } from '../shared/server';
import { getCredentialsForIdentity } from './operations/get-credentials-for-identity';
import { getId } from './operations/get-id';
import type { IdentityPoolServices } from './services';

/** The Cognito identity pool API (`AWSCognitoIdentityService.<Operation>`). */
export function createIdentityPoolHandler(services: IdentityPoolServices, log: (line: string) => void): HttpHandler {
  return createAwsJsonHandler(
    'AWSCognitoIdentityService',
    { GetId: getId(services), GetCredentialsForIdentity: getCredentialsForIdentity(services) },
    log,
  );
}
