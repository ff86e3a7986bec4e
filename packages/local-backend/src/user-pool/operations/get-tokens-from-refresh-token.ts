import type { GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requireOwnClient, type UserPoolServices } from '../services';
import { refreshedTokens } from '../sign-in';
import { requiredString, type Target } from '../target';

/** GetTokensFromRefreshToken: what aws-amplify v6 calls to refresh a session. */
export function getTokensFromRefreshToken(services: UserPoolServices): Target<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse> {
  return async (request) => {
    requireOwnClient(services, request);
    return { AuthenticationResult: await refreshedTokens(services, requiredString(request, 'RefreshToken')) };
  };
}
