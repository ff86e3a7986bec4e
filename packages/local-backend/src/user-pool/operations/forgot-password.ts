import type { ForgotPasswordRequest, ForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException } from '../errors';
import { maskedEmail, requireOwnClient, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';

/**
 * ForgotPassword: what resetPassword calls. No mail leaves this machine, so the code
 * is written to the backend's log. An unknown user gets the same answer as a known
 * one (the app client prevents user existence errors).
 */
export function forgotPassword(services: UserPoolServices): Target<ForgotPasswordRequest, ForgotPasswordResponse> {
  return (request) => {
    requireOwnClient(services, request);
    const username = requiredString(request, 'Username');
    const user = services.users.find(username);
    if (user?.status === 'FORCE_CHANGE_PASSWORD') {
      throw new NotAuthorizedException('User password cannot be reset in the current state.');
    }
    if (user) {
      const code = services.resetCodes.issue(user.sub);
      services.log(`cognito: password reset code for ${user.email}: ${code}`);
    }
    return {
      CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: maskedEmail(user?.email ?? username) },
    };
  };
}
