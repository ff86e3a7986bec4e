import { createHmac } from 'node:crypto';
import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors';
import { requireOwnClient, type UserPoolServices } from '../services';
import { completeSignIn, incorrectUsernameOrPassword, refreshedTokens } from '../sign-in';
import { createServerEphemeral, isValidClientPublic, passwordMatches, unanswerableVerifier } from '../srp';
import { requiredString, stringMap, type OnTheWire, type Target } from '../target';

function requireFlowEnabled(services: UserPoolServices, flow: string): void {
  if (!services.definition.userPoolClient.explicitAuthFlows.includes(`ALLOW_${flow}`)) {
    throw new InvalidParameterException(`${flow} flow not enabled for this client`);
  }
}

function requireParameter(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (!value) throw new InvalidParameterException(`Missing required parameter ${name}`);
  return value;
}

/**
 * What an unknown username is answered with: an id (a version 4 UUID with the random variant
 * nibble 8, 9, a or b, as a real sub has), salt and verifier derived from a per-install secret,
 * so asking twice gives the same answer, as it does for a real user, and the reply does not
 * reveal whether the account exists.
 */
function decoyIdentity(services: UserPoolServices, username: string): { userId: string; salt: string; verifier: string } {
  const derive = (purpose: string) => createHmac('sha256', services.decoyKey).update(`${purpose}:${username.toLowerCase()}`).digest();
  const hex = derive('user-id').toString('hex');
  const variant = '89ab'[Number.parseInt(hex.charAt(16), 16) % 4] ?? '8';
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { userId, salt: derive('salt').toString('hex').slice(0, 32), verifier: unanswerableVerifier(derive('verifier')) };
}

function startSrp(services: UserPoolServices, parameters: Record<string, string>): OnTheWire<InitiateAuthResponse> {
  const username = requireParameter(parameters, 'USERNAME');
  const clientPublic = requireParameter(parameters, 'SRP_A');
  if (!isValidClientPublic(clientPublic)) throw new InvalidParameterException('Invalid SRP_A value');
  const user = services.users.find(username);
  // An unknown user gets a challenge that looks like a real one, costs as much and can never be answered.
  const { userId, salt, verifier } = user ? { userId: user.sub, ...user.password } : decoyIdentity(services, username);
  const ephemeral = createServerEphemeral(verifier);
  const secretBlock = services.challenges.startPasswordVerifier({ sub: user?.sub, userId, verifier, clientPublic, ephemeral });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: ephemeral.B,
      USERNAME: userId,
      USER_ID_FOR_SRP: userId,
    },
  };
}

function passwordAuth(services: UserPoolServices, parameters: Record<string, string>): Promise<OnTheWire<InitiateAuthResponse>> {
  const username = requireParameter(parameters, 'USERNAME');
  const user = services.users.find(username);
  const password = requireParameter(parameters, 'PASSWORD');
  // An unknown username is locked out under its decoy id, as a real account would be.
  const lockoutKey = user?.sub ?? decoyIdentity(services, username).userId;
  services.lockout.check(lockoutKey);
  if (!user || !passwordMatches(services.poolName, user.sub, password, user.password)) {
    services.lockout.failed(lockoutKey);
    throw incorrectUsernameOrPassword();
  }
  services.lockout.succeeded(lockoutKey);
  return completeSignIn(services, user);
}

/** InitiateAuth: USER_SRP_AUTH, USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, when the app client allows them. */
export function initiateAuth(services: UserPoolServices): Target<InitiateAuthRequest, InitiateAuthResponse> {
  return async (request) => {
    requireOwnClient(services, request);
    const flow = requiredString(request, 'AuthFlow');
    const parameters = stringMap(request, 'AuthParameters');
    switch (flow) {
      case 'USER_SRP_AUTH':
        requireFlowEnabled(services, flow);
        return startSrp(services, parameters);
      case 'USER_PASSWORD_AUTH':
        requireFlowEnabled(services, flow);
        return passwordAuth(services, parameters);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        requireFlowEnabled(services, 'REFRESH_TOKEN_AUTH');
        return { ChallengeParameters: {}, AuthenticationResult: await refreshedTokens(services, requireParameter(parameters, 'REFRESH_TOKEN')) };
      default:
        throw new InvalidParameterException(`Initiate Auth method not supported: ${flow}`);
    }
  };
}
