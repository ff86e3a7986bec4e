import type { AdminResetUserPasswordRequest, AdminResetUserPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException } from '../errors';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { namedUser, requireOwnPool } from './admin-users';

/**
 * AdminResetUserPassword: the user is RESET_REQUIRED and cannot sign in until they set a new
 * password with the code, which goes to the backend's log (as ForgotPassword's does).
 */
export function adminResetUserPassword(services: UserPoolServices): Target<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    if (user.status === 'FORCE_CHANGE_PASSWORD') throw new NotAuthorizedException('User password cannot be reset in the current state.');
    services.users.setStatus(user.sub, 'RESET_REQUIRED');
    const code = services.resetCodes.issue(user.sub);
    services.log(`cognito: password reset code for ${user.email}: ${code}`);
    return {};
  };
}
