import type { ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { CodeMismatchException, ExpiredCodeException, LimitExceededException } from '../errors';
import { requireOwnClient, requirePolicyCompliant, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';

/** ConfirmForgotPassword: what confirmResetPassword calls, with the code from the backend's log. */
export function confirmForgotPassword(services: UserPoolServices): Target<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse> {
  return (request) => {
    requireOwnClient(services, request);
    const user = services.users.find(requiredString(request, 'Username'));
    const code = requiredString(request, 'ConfirmationCode');
    const password = requiredString(request, 'Password');
    if (!user) throw new CodeMismatchException();
    requirePolicyCompliant(services, password);
    const check = services.resetCodes.check(user.sub, code);
    if (check === 'expired') throw new ExpiredCodeException();
    if (check === 'limit-exceeded') throw new LimitExceededException();
    if (check === 'mismatch') throw new CodeMismatchException();
    services.users.setPassword(user.sub, password, 'CONFIRMED');
    services.resetCodes.consume(user.sub);
    services.log(`cognito: ${user.email} reset their password`);
    return {};
  };
}
