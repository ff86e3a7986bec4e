import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { signedInUser, userAttributes, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';

/** GetUser: what fetchUserAttributes calls. */
export function getUser(services: UserPoolServices): Target<GetUserRequest, GetUserResponse> {
  return async (request) => {
    const user = await signedInUser(services, requiredString(request, 'AccessToken'));
    return {
      Username: user.sub,
      UserAttributes: Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value })),
    };
  };
}
