import type { Operation } from '../../shared/aws-json-protocol';
import type { UserPoolServices } from '../services';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminDisableUser: no more sign-in, and every session of the user is revoked, so their tokens stop working. */
export function adminDisableUser(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnPool(services, input);
    const user = namedUser(services, input);
    services.users.setEnabled(user.sub, false);
    services.tokens.revokeAllSessions(user.sub);
    services.log(`cognito: ${user.email} disabled by the administrator`);
    return {};
  };
}
