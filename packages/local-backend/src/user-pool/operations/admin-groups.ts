import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException, ResourceNotFoundException } from '../errors';
import type { Group } from '../groups';
import type { UserPoolServices } from '../services';
import { requiredString, type OnTheWire, type Received } from '../target';
import { epochSeconds, pageSize } from './admin-users';

// What the group operations share: the group they name, Cognito's GroupType, pages of groups.

/** The group `GroupName` names, or ResourceNotFoundException as Cognito words it. */
export function namedGroup(services: UserPoolServices, request: Received<{ GroupName: string }>): Group {
  const group = services.groups.find(requiredString(request, 'GroupName'));
  if (!group) throw new ResourceNotFoundException('Group not found.');
  return group;
}

/** Cognito's GroupType, as ListGroups and AdminListGroupsForUser return it. */
export function groupType(services: UserPoolServices, group: Group): OnTheWire<GroupType> {
  return {
    GroupName: group.groupName,
    UserPoolId: services.ids.userPoolId,
    ...(group.description === undefined ? {} : { Description: group.description }),
    ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
    ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
    CreationDate: epochSeconds(group.createdAt),
    LastModifiedDate: epochSeconds(group.updatedAt),
  };
}

/** One page of `groups` (in name order): `Limit` of them from the group `NextToken` names. */
export function groupPage(
  services: UserPoolServices,
  groups: Group[],
  request: Received<{ Limit: number; NextToken: string }>,
): { Groups: OnTheWire<GroupType>[]; NextToken?: string } {
  const token = request.NextToken;
  const start = token === undefined || token === null ? 0 : groups.findIndex((group) => group.groupName === token);
  if (start < 0) throw new InvalidParameterException('The pagination token is invalid.');
  const size = pageSize(request.Limit);
  const next = groups[start + size];
  return {
    Groups: groups.slice(start, start + size).map((group) => groupType(services, group)),
    ...(next ? { NextToken: next.groupName } : {}),
  };
}
