import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { requireOwnClient, type UserPoolServices } from '../services';
import { refreshedTokens } from '../sign-in';

/** GetTokensFromRefreshToken: what aws-amplify v6 calls to refresh a session. */
export function getTokensFromRefreshToken(services: UserPoolServices): Operation {
  return async (input) => {
    requireOwnClient(services, input);
    return { AuthenticationResult: await refreshedTokens(services, requireString(input, 'RefreshToken')) };
  };
}
