import type { Operation } from '../../shared/aws-json-protocol';
import type { UserPoolServices } from '../services';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminEnableUser: the user may sign in again (sessions revoked at disabling stay revoked). */
export function adminEnableUser(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnPool(services, input);
    const user = namedUser(services, input);
    services.users.setEnabled(user.sub, true);
    return {};
  };
}
