import type { AdminGetUserRequest, AdminGetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolServices } from '../services';
import type { Target } from '../target';
import { attributeList, epochSeconds, namedUser, requireOwnPool } from './admin-users';

/** AdminGetUser. */
export function adminGetUser(services: UserPoolServices): Target<AdminGetUserRequest, AdminGetUserResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const user = namedUser(services, request);
    return {
      Username: user.sub,
      UserAttributes: attributeList(user),
      UserCreateDate: epochSeconds(user.createdAt),
      UserLastModifiedDate: epochSeconds(user.updatedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      MFAOptions: [],
      UserMFASettingList: [],
    };
  };
}
