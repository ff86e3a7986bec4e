import type { Operation } from '../../shared/aws-json-protocol';
import type { UserPoolServices } from '../services';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminDeleteUser: the user and their sessions go. */
export function adminDeleteUser(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnPool(services, input);
    const user = namedUser(services, input);
    services.users.remove(user.sub);
    services.log(`cognito: ${user.email} deleted by the administrator`);
    return {};
  };
}
