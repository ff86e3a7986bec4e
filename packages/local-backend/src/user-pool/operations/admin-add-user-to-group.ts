import type { AdminAddUserToGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { namedGroup } from './admin-groups';
import { namedUser, requireOwnPool } from './admin-users';

/**
 * AdminAddUserToGroup: the user's tokens carry the group in `cognito:groups` from their next
 * sign-in or refresh; tokens already issued keep the claims they were signed with.
 */
export function adminAddUserToGroup(services: UserPoolServices): Target<AdminAddUserToGroupRequest, Record<string, never>> {
  return (request) => {
    requireOwnPool(services, request);
    const group = namedGroup(services, request);
    const user = namedUser(services, request);
    services.groups.addMember(group.groupName, user.sub);
    services.log(`cognito: ${user.email} added to group ${group.groupName} by the administrator`);
    return {};
  };
}
