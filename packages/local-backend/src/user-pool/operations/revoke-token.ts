import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { requireOwnClient, type UserPoolServices } from '../services';

/** RevokeToken: signOut() revokes the refresh token, and with it every token of that sign-in. */
export function revokeToken(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnClient(services, input);
    services.tokens.revokeRefreshToken(requireString(input, 'Token'));
    return {};
  };
}
