import type { UpdateUserAttributesRequest, UpdateUserAttributesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors';
import { requireWritableAttributes, signedInUser, type UserPoolServices } from '../services';
import { requiredString, type Target } from '../target';

function attributeList(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) throw new InvalidParameterException('UserAttributes must be a list of { Name, Value }');
  const attributes: Record<string, string> = {};
  for (const entry of value as unknown[]) {
    const { Name, Value } = (entry ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string' || typeof Value !== 'string') {
      throw new InvalidParameterException('UserAttributes must be a list of { Name, Value }');
    }
    attributes[Name] = Value;
  }
  return attributes;
}

/** UpdateUserAttributes: what updateUserAttributes calls (profile attributes such as name). */
export function updateUserAttributes(services: UserPoolServices): Target<UpdateUserAttributesRequest, UpdateUserAttributesResponse> {
  return async (request) => {
    const user = await signedInUser(services, requiredString(request, 'AccessToken'));
    const attributes = attributeList(request.UserAttributes);
    requireWritableAttributes(attributes);
    services.users.updateAttributes(user.sub, attributes);
    return { CodeDeliveryDetailsList: [] };
  };
}
