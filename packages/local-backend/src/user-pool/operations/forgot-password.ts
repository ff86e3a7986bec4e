import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { NotAuthorizedException } from '../errors';
import { maskedEmail, requireOwnClient, type UserPoolServices } from '../services';

/**
 * ForgotPassword: what resetPassword calls. No mail leaves this machine, so the code
 * is written to the backend's log. An unknown user gets the same answer as a known
 * one (the app client prevents user existence errors).
 */
export function forgotPassword(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnClient(services, input);
    const username = requireString(input, 'Username');
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
