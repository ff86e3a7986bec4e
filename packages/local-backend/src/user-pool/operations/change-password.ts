import type { ChangePasswordRequest, ChangePasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requirePolicyCompliant, signedInUser, type UserPoolServices } from '../services';
import { incorrectUsernameOrPassword } from '../sign-in';
import { passwordMatches } from '../srp';
import { requiredString, type Target } from '../target';

/** ChangePassword: what updatePassword calls. */
export function changePassword(services: UserPoolServices): Target<ChangePasswordRequest, ChangePasswordResponse> {
  return async (request) => {
    const user = await signedInUser(services, requiredString(request, 'AccessToken'));
    const previous = requiredString(request, 'PreviousPassword');
    const proposed = requiredString(request, 'ProposedPassword');
    if (!passwordMatches(services.poolName, user.sub, previous, user.password)) throw incorrectUsernameOrPassword();
    requirePolicyCompliant(services, proposed);
    services.users.setPassword(user.sub, proposed, 'CONFIRMED');
    return {};
  };
}
