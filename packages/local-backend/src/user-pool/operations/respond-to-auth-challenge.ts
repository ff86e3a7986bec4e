import { timingSafeEqual } from 'node:crypto';
import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException, NotAuthorizedException } from '../errors';
import { requireOwnClient, requirePolicyCompliant, requireWritableAttributes, type UserPoolServices } from '../services';
import { completeSignIn, incorrectUsernameOrPassword } from '../sign-in';
import { expectedPasswordClaim } from '../srp';
import { requiredString, stringMap, type OnTheWire, type Target } from '../target';

// How far the client's TIMESTAMP may be from the server's clock.
const allowedClockSkewMs = 5 * 60 * 1000;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses Cognito's SRP TIMESTAMP, "ddd MMM D HH:mm:ss UTC YYYY" (day not zero-padded). */
function parseTimestamp(timestamp: string): number | undefined {
  const match = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(timestamp);
  if (!match) return undefined;
  const [, , month = '', day, hours, minutes, seconds, year] = match;
  const monthIndex = months.indexOf(month);
  if (monthIndex < 0) return undefined;
  return Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
}

/**
 * The SRP proof. Once a challenge is found, the proof is computed whether or not its user
 * exists, is the one named, or signed in time, and only then judged: a decoy challenge costs
 * what a real one does, so the answer's timing does not tell which accounts exist.
 */
function answerPasswordVerifier(services: UserPoolServices, responses: Record<string, string>): Promise<OnTheWire<RespondToAuthChallengeResponse>> {
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '';
  const signature = responses.PASSWORD_CLAIM_SIGNATURE ?? '';
  const timestamp = responses.TIMESTAMP ?? '';
  const username = responses.USERNAME ?? '';
  const challenge = services.challenges.takePasswordVerifier(secretBlock);
  if (!challenge) throw incorrectUsernameOrPassword();
  // The challenge's USER_ID_FOR_SRP, real or decoy, is what a lockout counts against.
  services.lockout.check(challenge.userId);
  const refused = () => {
    services.lockout.failed(challenge.userId);
    return incorrectUsernameOrPassword();
  };
  const signedAt = parseTimestamp(timestamp);
  if (signedAt === undefined) throw new InvalidParameterException(`Invalid TIMESTAMP: ${timestamp}`);
  const expected = expectedPasswordClaim({
    poolName: services.poolName,
    userId: challenge.userId,
    verifierHex: challenge.verifier,
    clientPublicHex: challenge.clientPublic,
    ephemeral: challenge.ephemeral,
    secretBlock: Buffer.from(secretBlock, 'base64'),
    timestamp,
  });
  const given = Buffer.from(signature, 'base64');
  const proven = given.length === expected.length && timingSafeEqual(given, expected);
  const user = challenge.sub === undefined ? undefined : services.users.find(challenge.sub);
  if (!user || (username !== user.sub && username.toLowerCase() !== user.email.toLowerCase())) throw refused();
  // A password changed since the challenge: the proof of the old one no longer counts.
  if (user.password.verifier !== challenge.verifier) throw refused();
  if (Math.abs(services.clock.now().getTime() - signedAt) > allowedClockSkewMs) {
    services.log(`cognito: sign-in of ${user.email} refused: TIMESTAMP ${timestamp} is too far from the server clock`);
    throw refused();
  }
  if (!proven) throw refused();
  services.lockout.succeeded(challenge.userId);
  return completeSignIn(services, user);
}

function answerNewPasswordRequired(services: UserPoolServices, session: string, responses: Record<string, string>): Promise<OnTheWire<RespondToAuthChallengeResponse>> {
  const sub = services.challenges.newPasswordRequiredUser(session);
  const user = sub === undefined ? undefined : services.users.find(sub);
  if (!user || user.status !== 'FORCE_CHANGE_PASSWORD') {
    throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  }
  const newPassword = responses.NEW_PASSWORD;
  if (!newPassword) throw new InvalidParameterException('Missing required parameter NEW_PASSWORD');
  // The session stays usable after a refused password, so the user can try another.
  requirePolicyCompliant(services, newPassword);
  const attributes = Object.fromEntries(
    Object.entries(responses)
      .filter(([key]) => key.startsWith('userAttributes.'))
      .map(([key, value]) => [key.slice('userAttributes.'.length), value]),
  );
  requireWritableAttributes(attributes);
  services.users.setPassword(user.sub, newPassword, 'CONFIRMED');
  services.users.updateAttributes(user.sub, attributes);
  services.challenges.finish(session);
  services.log(`cognito: ${user.email} set a new password`);
  return completeSignIn(services, { ...user, status: 'CONFIRMED', attributes: { ...user.attributes, ...attributes } });
}

/** RespondToAuthChallenge: PASSWORD_VERIFIER (SRP proof) and NEW_PASSWORD_REQUIRED. */
export function respondToAuthChallenge(services: UserPoolServices): Target<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse> {
  return (request) => {
    requireOwnClient(services, request);
    const challengeName = requiredString(request, 'ChallengeName');
    const responses = stringMap(request, 'ChallengeResponses');
    switch (challengeName) {
      case 'PASSWORD_VERIFIER':
        return answerPasswordVerifier(services, responses);
      case 'NEW_PASSWORD_REQUIRED':
        return answerNewPasswordRequired(services, requiredString(request, 'Session'), responses);
      default:
        throw new InvalidParameterException(`Unsupported challenge: ${challengeName}`);
    }
  };
}
