import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { CodeMismatchException, ExpiredCodeException, LimitExceededException } from '../errors';
import { requireOwnClient, requirePolicyCompliant, type UserPoolServices } from '../services';

/** ConfirmForgotPassword: what confirmResetPassword calls, with the code from the backend's log. */
export function confirmForgotPassword(services: UserPoolServices): Operation {
  return (input) => {
    requireOwnClient(services, input);
    const user = services.users.find(requireString(input, 'Username'));
    const code = requireString(input, 'ConfirmationCode');
    const password = requireString(input, 'Password');
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
