import { createAwsJsonHandler } from '../shared/aws-json-protocol';
import type { HttpHandler } from '../shared/server';
import { changePassword } from './operations/change-password';
import { confirmForgotPassword } from './operations/confirm-forgot-password';
import { forgotPassword } from './operations/forgot-password';
import { getTokensFromRefreshToken } from './operations/get-tokens-from-refresh-token';
import { getUser } from './operations/get-user';
import { globalSignOut } from './operations/global-sign-out';
import { initiateAuth } from './operations/initiate-auth';
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge';
import { revokeToken } from './operations/revoke-token';
import { signUp } from './operations/sign-up';
import { updateUserAttributes } from './operations/update-user-attributes';
import type { UserPoolServices } from './services';

/** The Cognito user pool API (`AWSCognitoIdentityProviderService.<Operation>`). */
export function createUserPoolHandler(services: UserPoolServices): HttpHandler {
  return createAwsJsonHandler(
    'AWSCognitoIdentityProviderService',
    {
      ChangePassword: changePassword(services),
      ConfirmForgotPassword: confirmForgotPassword(services),
      ForgotPassword: forgotPassword(services),
      GetTokensFromRefreshToken: getTokensFromRefreshToken(services),
      GetUser: getUser(services),
      GlobalSignOut: globalSignOut(services),
      InitiateAuth: initiateAuth(services),
      RespondToAuthChallenge: respondToAuthChallenge(services),
      RevokeToken: revokeToken(services),
      SignUp: signUp(services),
      UpdateUserAttributes: updateUserAttributes(services),
    },
    services.log,
  );
}
