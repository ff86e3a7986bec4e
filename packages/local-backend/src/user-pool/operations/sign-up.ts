import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException } from '../errors';
import { requireOwnClient, type UserPoolServices } from '../services';
import type { Target } from '../target';

/** SignUp: refused, as Cognito refuses it when only administrators may create users. */
export function signUp(services: UserPoolServices): Target<SignUpRequest, SignUpResponse> {
  return (request) => {
    requireOwnClient(services, request);
    throw new NotAuthorizedException('SignUp is not permitted for this user pool');
  };
}
