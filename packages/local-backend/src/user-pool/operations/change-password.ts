import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { requirePolicyCompliant, signedInUser, type UserPoolServices } from '../services';
import { incorrectUsernameOrPassword } from '../sign-in';
import { passwordMatches } from '../srp';

/** ChangePassword: what updatePassword calls. */
export function changePassword(services: UserPoolServices): Operation {
  return async (input) => {
    const user = await signedInUser(services, requireString(input, 'AccessToken'));
    const previous = requireString(input, 'PreviousPassword');
    const proposed = requireString(input, 'ProposedPassword');
    if (!passwordMatches(services.poolName, user.sub, previous, user.password)) throw incorrectUsernameOrPassword();
    requirePolicyCompliant(services, proposed);
    services.users.setPassword(user.sub, proposed, 'CONFIRMED');
    return {};
  };
}
