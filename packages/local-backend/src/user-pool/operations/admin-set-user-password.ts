import type { AdminSetUserPasswordRequest, AdminSetUserPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors';
import { requirePolicyCompliant, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminSetUserPassword: Permanent makes the user CONFIRMED; otherwise a temporary password, FORCE_CHANGE_PASSWORD. */
export function adminSetUserPassword(services: UserPoolServices): Target<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    const password = requiredString(request, 'Password');
    const permanent = request.Permanent ?? false;
    if (typeof permanent !== 'boolean') throw new InvalidParameterException('Permanent must be a boolean');
    requirePolicyCompliant(services, password);
    services.users.setPassword(user.sub, password, permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD');
    return {};
  };
}
