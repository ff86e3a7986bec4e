import type { AdminEnableUserRequest, AdminEnableUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminEnableUser: the user may sign in again (sessions revoked at disabling stay revoked). */
export function adminEnableUser(services: UserPoolServices): Target<AdminEnableUserRequest, AdminEnableUserResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    services.users.setEnabled(user.sub, true);
    return {};
  };
}
