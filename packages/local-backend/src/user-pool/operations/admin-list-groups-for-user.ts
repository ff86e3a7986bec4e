import type { AdminListGroupsForUserRequest, AdminListGroupsForUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { groupPage } from './admin-groups';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminListGroupsForUser: the user's groups in name order, `Limit` (up to 60) a page. */
export function adminListGroupsForUser(services: UserPoolServices): Target<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    return groupPage(services, services.groups.groupsOf(user.sub), request);
  };
}
