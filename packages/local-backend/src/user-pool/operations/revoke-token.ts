import type { RevokeTokenRequest, RevokeTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requireOwnClient, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';

/** RevokeToken: signOut() revokes the refresh token, and with it every token of that sign-in. */
export function revokeToken(services: UserPoolServices): Target<RevokeTokenRequest, RevokeTokenResponse> {
  return (request) => {
    requireOwnClient(services, request);
    services.tokens.revokeRefreshToken(requiredString(request, 'Token'));
    return {};
  };
}
