import type { ListGroupsRequest, ListGroupsResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { groupPage } from './admin-groups';
import { requireOwnPool } from './admin-users';

/** ListGroups: the groups of the synthesized assembly in name order, `Limit` (up to 60) a page. Signed by the administrator, as on AWS (IAM). */
export function listGroups(services: UserPoolServices): Target<ListGroupsRequest, ListGroupsResponse> {
  return (request) => {
    requireOwnPool(services, request);
    return groupPage(services, services.groups.list(), request);
  };
}
