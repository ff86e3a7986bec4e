import type { Operation } from '../../shared/aws-json-protocol';
import { NotAuthorizedException } from '../errors';
import { requireOwnClient, type UserPoolServices } from '../services';

/** SignUp: refused, as Cognito refuses it when only administrators may create users. */
export function signUp(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnClient(services, input);
    throw new NotAuthorizedException('SignUp is not permitted for this user pool');
  };
}
