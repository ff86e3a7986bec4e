import { optionalStringMap, requireString } from '../shared/aws-json-protocol';

/**
 * A request as it arrived: the members of the AWS SDK's request type by name, each unchecked
 * until an operation reads it (`requiredString`, `stringMap`, ...), since any client may send any JSON.
 */
export type Received<Request> = { readonly [Member in keyof Request]?: unknown };

/** A value as the AWS JSON protocol carries it: timestamps as seconds since the epoch, the rest as typed. */
export type OnTheWire<T> = T extends Date
  ? number
  : T extends readonly (infer Element)[]
    ? OnTheWire<Element>[]
    : T extends object
      ? { [Member in keyof T]: OnTheWire<T[Member]> }
      : T;

/**
 * One Cognito operation, typed with the request and response of
 * `@aws-sdk/client-cognito-identity-provider` (as cognito-local types its targets): member names
 * are checked against the SDK's request, the answer against its response.
 */
export type Target<Request, Response> = (request: Received<Request>) => OnTheWire<Response> | Promise<OnTheWire<Response>>;

/** A required string member, refused as Cognito's request validation refuses a missing one. */
export function requiredString<Request>(request: Received<Request>, member: keyof Request & string): string {
  return requireString(request, member);
}

/** An optional map of strings (AuthParameters, ChallengeResponses). */
export function stringMap<Request>(request: Received<Request>, member: keyof Request & string): Record<string, string> {
  return optionalStringMap(request, member);
}
