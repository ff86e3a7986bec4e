import type { AdminDeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminDeleteUser: the user and their sessions go. */
export function adminDeleteUser(services: UserPoolServices): Target<AdminDeleteUserRequest, Record<string, never>> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    services.users.remove(user.sub);
    services.log(`cognito: ${user.email} deleted by the administrator`);
    return {};
  };
}
