import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { AwsServiceError } from '../../shared/aws-errors';
import { isObject } from '../../shared/values';
import { InvalidParameterException, InvalidPasswordException, ResourceNotFoundException, UserNotFoundException } from '../errors';
import { generateTemporaryPassword, passwordPolicyViolation } from '../password-policy';
import { userAttributes, type UserPoolServices } from '../services';
import { requiredString, type OnTheWire, type Received } from '../target';
import type { User } from '../user-store';

// What the Admin* operations share: the pool check, the user they name, Cognito's UserType.

export class UnsupportedUserStateException extends AwsServiceError {
  override readonly name = 'UnsupportedUserStateException';
}

/** The operation is for this pool only: another UserPoolId is a pool that does not exist. */
export function requireOwnPool(services: UserPoolServices, request: Received<{ UserPoolId: string }>): void {
  const poolId = requiredString(request, 'UserPoolId');
  if (poolId !== services.ids.userPoolId) throw new ResourceNotFoundException(`User pool ${poolId} does not exist.`);
}

/** The user `Username` names (the email alias or the sub), or UserNotFoundException. */
export function namedUser(services: UserPoolServices, request: Received<{ Username: string }>): User {
  const user = services.users.find(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  return user;
}

export function attributeList(user: User): { Name: string; Value: string }[] {
  return Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value }));
}

/** AWS JSON timestamps are seconds since the epoch. */
export const epochSeconds = (date: Date) => date.getTime() / 1000;

/** Cognito's UserType, as ListUsers and AdminCreateUser return it. */
export function userType(user: User): OnTheWire<UserType> {
  return {
    Username: user.sub,
    Attributes: attributeList(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** A `Limit` of ListUsers, ListGroups, AdminListGroupsForUser: up to 60, and 60 when left out or 0. */
export function pageSize(limit: unknown): number {
  if (limit === undefined || limit === null) return 60;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 60) {
    throw new InvalidParameterException(
      `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
    );
  }
  return limit === 0 ? 60 : limit;
}

/** A given password checked against the pool's policy, or a generated temporary one. */
export function passwordOrGenerated(services: UserPoolServices, given: unknown): string {
  if (given === undefined || given === null) return generateTemporaryPassword(services.definition.passwordPolicy);
  if (typeof given !== 'string') throw new InvalidParameterException('TemporaryPassword must be a string');
  const violation = passwordPolicyViolation(services.definition.passwordPolicy, given);
  if (violation) throw new InvalidPasswordException(violation);
  return given;
}

/** A `[{ Name, Value }]` member as a map. */
export function attributeMap<Request>(request: Received<Request>, member: keyof Request & string): Record<string, string> {
  const value = request[member];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw new InvalidParameterException(`${member} must be a list of attributes`);
  const map: Record<string, string> = {};
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.Name !== 'string' || typeof entry.Value !== 'string') {
      throw new InvalidParameterException(`${member} must be a list of { Name, Value } strings`);
    }
    map[entry.Name] = entry.Value;
  }
  return map;
}
