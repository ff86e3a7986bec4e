import type { ListUsersRequest, ListUsersResponse, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors';
import { userAttributes, type UserPoolServices } from '../services';
import type { OnTheWire, Target } from '../target';
import type { User } from '../user-store';
import { pageSize, requireOwnPool, userType } from './admin-users';

// The attributes ListUsers can filter on, and how each is read from a user.
const filterable: Record<string, (user: User) => string | undefined> = {
  username: (user) => user.sub,
  sub: (user) => user.sub,
  email: (user) => user.email,
  'cognito:user_status': (user) => user.status,
  status: (user) => (user.enabled ? 'Enabled' : 'Disabled'),
  ...Object.fromEntries(
    ['phone_number', 'name', 'given_name', 'family_name', 'preferred_username'].map((name) => [name, (user: User) => user.attributes[name]]),
  ),
};

/** `email ^= "ada"`: the one-condition filter Cognito accepts, as a predicate. */
function parseFilter(filter: string): (user: User) => boolean {
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  const read = match?.[1] === undefined ? undefined : filterable[match[1]];
  if (!match || !read) throw new InvalidParameterException('Error while parsing filter.');
  const value = (match[3] ?? '').replace(/\\(.)/g, '$1');
  const prefix = match[2] === '^=';
  return (user) => {
    const actual = read(user);
    return actual !== undefined && (prefix ? actual.startsWith(value) : actual === value);
  };
}

/** Users in email order; a page ends where the next token (the next user's sub) begins. */
export function adminListUsers(services: UserPoolServices): Target<ListUsersRequest, ListUsersResponse> {
  return (request) => {
    requireOwnPool(services, request);
    const matches = typeof request.Filter === 'string' && request.Filter !== '' ? parseFilter(request.Filter) : () => true;
    const users = services.users.list().filter(matches);
    const token = request.PaginationToken;
    const start = token === undefined || token === null ? 0 : users.findIndex((user) => user.sub === token);
    if (start < 0) throw new InvalidParameterException('The pagination token is invalid.');
    const size = pageSize(request.Limit);
    const page = users.slice(start, start + size);
    const next = users[start + size];
    const wanted = Array.isArray(request.AttributesToGet) ? new Set(request.AttributesToGet.filter((name) => typeof name === 'string')) : undefined;
    return {
      Users: page.map((user): OnTheWire<UserType> => {
        const shape = userType(user);
        if (!wanted) return shape;
        const attributes = Object.entries(userAttributes(user)).filter(([name]) => wanted.has(name));
        return { ...shape, Attributes: attributes.map(([Name, Value]) => ({ Name, Value })) };
      }),
      ...(next ? { PaginationToken: next.sub } : {}),
    };
  };
}
