import type { GlobalSignOutRequest, GlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import { signedInUser, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';

/** GlobalSignOut: ends every sign-in of the user; their refresh and access tokens stop working. */
export function globalSignOut(services: UserPoolServices): Target<GlobalSignOutRequest, GlobalSignOutResponse> {
  return async (request) => {
    const user = await signedInUser(services, requiredString(request, 'AccessToken'));
    services.tokens.revokeAllSessions(user.sub);
    services.log(`cognito: ${user.email} signed out everywhere`);
    return {};
  };
}
