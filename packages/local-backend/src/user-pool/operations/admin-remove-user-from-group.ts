import type { AdminRemoveUserFromGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { namedGroup } from './admin-groups';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminRemoveUserFromGroup: from the next sign-in or refresh on, the user's tokens no longer name the group. */
export function adminRemoveUserFromGroup(services: UserPoolServices): Target<AdminRemoveUserFromGroupRequest, Record<string, never>> {
  return (request) => {
    requireOwnPool(services, request);
    const group = namedGroup(services, request);
    const user = namedUser(services, request);
    services.groups.removeMember(group.groupName, user.sub);
    services.log(`cognito: ${user.email} removed from group ${group.groupName} by the administrator`);
    return {};
  };
}
