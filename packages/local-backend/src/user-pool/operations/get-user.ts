import { requireString, type Operation } from '../../shared/aws-json-protocol';
import { signedInUser, userAttributes, type UserPoolServices } from '../services';

/** GetUser: what fetchUserAttributes calls. */
export function getUser(services: UserPoolServices): Operation {
  return async (input) => {
    const user = await signedInUser(services, requireString(input, 'AccessToken'));
    return {
      Username: user.sub,
      UserAttributes: Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value })),
    };
  };
}
