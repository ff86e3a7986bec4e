import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { signedInUser, type UserPoolServices } from '../services';

/** GlobalSignOut: ends every sign-in of the user; their refresh and access tokens stop working. */
export function globalSignOut(services: UserPoolServices): Operation {
  return async (input) => {
    const user = await signedInUser(services, requireString(input, 'AccessToken'));
    services.tokens.revokeAllSessions(user.sub);
    services.log(`cognito: ${user.email} signed out everywhere`);
    return {};
  };
}
