/**
 * Who is making an AppSync request, once their credentials have been verified.
 * Shared by the HTTP GraphQL endpoint and the real-time endpoint.
 */
export type Caller = UserPoolCaller | IamCaller;

/** A Cognito user pool token (access or id token) whose signature and claims were checked. */
export interface UserPoolCaller {
  kind: 'userPool';
  sub: string;
  /** `username` of an access token, `cognito:username` of an id token. */
  username: string;
  claims: Readonly<Record<string, unknown>>;
}

/** A SigV4-signed request whose key was minted by the identity pool. */
interface IamCaller {
  kind: 'iam';
  identityId: string;
  /** false for a guest (unauthenticated role) identity. */
  authenticated: boolean;
  accessKeyId: string;
}
