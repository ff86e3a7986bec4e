import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Clock } from '../shared/clock';
import { NotAuthorizedException, PasswordResetRequiredException } from './errors';
import type { UserPoolServices } from './services';
import { tokenSubject, userAttributes } from './services';
import type { OnTheWire } from './target';
import { TokenRejectedError, type AuthenticationResult } from './tokens';
import type { User } from './user-store';

const incorrectCredentials = 'Incorrect username or password.';

/** The one answer to a failed sign-in, whatever failed, so user existence is not revealed. */
export function incorrectUsernameOrPassword(): NotAuthorizedException {
  return new NotAuthorizedException(incorrectCredentials);
}

function temporaryPasswordExpired(user: User, validityDays: number | undefined, clock: Clock): boolean {
  if (user.status !== 'FORCE_CHANGE_PASSWORD' || validityDays === undefined) return false;
  return clock.now().getTime() > user.passwordSetAt.getTime() + validityDays * 24 * 60 * 60 * 1000;
}

/**
 * What follows a proven password: a refusal for a disabled user or one whose password an
 * administrator reset, a NEW_PASSWORD_REQUIRED challenge for a user still on the
 * administrator's temporary password, tokens for everyone else.
 */
export async function completeSignIn(services: UserPoolServices, user: User): Promise<OnTheWire<InitiateAuthResponse>> {
  // Said only to whoever proved the password, as Cognito does.
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  if (user.status === 'RESET_REQUIRED') throw new PasswordResetRequiredException();
  if (temporaryPasswordExpired(user, services.definition.passwordPolicy.temporaryPasswordValidityDays, services.clock)) {
    throw new NotAuthorizedException('Temporary password has expired and must be reset by an administrator.');
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const { sub: _sub, ...attributes } = userAttributes(user);
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: services.challenges.startNewPasswordRequired(user.sub),
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.sub,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(attributes),
      },
    };
  }
  services.log(`cognito: ${user.email} signed in`);
  return { ChallengeParameters: {}, AuthenticationResult: await services.tokens.startSession(tokenSubject(services, user)) };
}

/** New access and id tokens for a live refresh token (no new refresh token: Cognito does not rotate by default). */
export function refreshedTokens(services: UserPoolServices, refreshToken: string): Promise<AuthenticationResult> {
  const session = services.tokens.findSession(refreshToken);
  const user = services.users.find(session.sub);
  if (!user) throw new TokenRejectedError('revoked', 'refresh');
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  return services.tokens.issueTokens(tokenSubject(services, user), session);
}
