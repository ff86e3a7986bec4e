import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { InvalidParameterException } from '../errors';
import { requirePolicyCompliant, type UserPoolServices } from '../services';
import { namedUser, requireOwnPool } from './admin-users';

/** AdminSetUserPassword: Permanent makes the user CONFIRMED; otherwise a temporary password, FORCE_CHANGE_PASSWORD. */
export function adminSetUserPassword(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnPool(services, input);
    const user = namedUser(services, input);
    const password = requireString(input, 'Password');
    const permanent = input.Permanent ?? false;
    if (typeof permanent !== 'boolean') throw new InvalidParameterException('Permanent must be a boolean');
    requirePolicyCompliant(services, password);
    services.users.setPassword(user.sub, password, permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD');
    return {};
  };
}
