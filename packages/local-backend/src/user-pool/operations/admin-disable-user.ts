import type { AdminDisableUserRequest, AdminDisableUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminDisableUser: no more sign-in, and every session of the user is revoked, so their tokens stop working. */
export function adminDisableUser(services: UserPoolServices): Target<AdminDisableUserRequest, AdminDisableUserResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    services.users.setEnabled(user.sub, false);
    services.tokens.revokeAllSessions(user.sub);
    services.log(`cognito: ${user.email} disabled by the administrator`);
    return {};
  };
}
