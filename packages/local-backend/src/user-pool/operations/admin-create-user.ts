import type { AdminCreateUserRequest, AdminCreateUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors';
import { requireWritableAttributes, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';
import { attributeMap, passwordOrGenerated, requireOwnPool, UnsupportedUserStateException, userType } from './admin-users';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * AdminCreateUser: a user with a temporary password, FORCE_CHANGE_PASSWORD. The pool signs in
 * by email, so Username is the email. No mail leaves this machine: unless MessageAction is
 * SUPPRESS, the invitation Cognito would send is written to the backend's log. RESEND gives a
 * user who has not signed in yet a new temporary password.
 */
export function adminCreateUser(services: UserPoolServices): Target<AdminCreateUserRequest, AdminCreateUserResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const email = requiredString(request, 'Username');
    if (!emailPattern.test(email)) throw new InvalidParameterException('Username should be an email.');
    const action = request.MessageAction;
    if (action !== undefined && action !== 'SUPPRESS' && action !== 'RESEND') {
      throw new InvalidParameterException(
        `1 validation error detected: Value '${String(action)}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`,
      );
    }
    const { email: givenEmail, email_verified: _verified, ...attributes } = attributeMap(request, 'UserAttributes');
    if (givenEmail !== undefined && givenEmail.toLowerCase() !== email.toLowerCase()) {
      throw new InvalidParameterException('The email attribute must be the same as the Username.');
    }
    requireWritableAttributes(attributes);
    const password = passwordOrGenerated(services, request.TemporaryPassword);
    let user;
    if (action === 'RESEND') {
      const existing = services.users.find(email);
      if (!existing) throw new InvalidParameterException('User does not exist.');
      if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw new UnsupportedUserStateException('User account already confirmed.');
      services.users.setPassword(existing.sub, password, 'FORCE_CHANGE_PASSWORD');
      user = services.users.find(existing.sub) ?? existing;
    } else {
      user = services.users.createWithTemporaryPassword(email, password, attributes);
    }
    if (action !== 'SUPPRESS') services.log(`cognito: invitation for ${user.email}: temporary password ${password}`);
    return { User: userType(user) };
  };
}
