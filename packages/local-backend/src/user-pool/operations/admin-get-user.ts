import type { Operation } from '../../shared/aws-json-protocol';
import type { UserPoolServices } from '../services';
import { attributeList, epochSeconds, namedUser, requireOwnPool } from './admin-users';

/** AdminGetUser. */
export function adminGetUser(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnPool(services, input);
    const user = namedUser(services, input);
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
