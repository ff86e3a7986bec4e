import { NamedAwsError } from '../shared/aws-errors';
import type { RawRequest } from '../shared/aws-json-protocol';
import type { Clock } from '../shared/clock';
import type { PoolIds } from '../shared/pool-ids';
import { requireAdministratorSignature, type OtherPrincipal } from '../shared/sigv4';
import type { AdminCredentials } from './admin-credentials';

/** The operations only an IAM principal may call: Cognito's Admin* API, ListUsers and ListGroups. */
export function isAdminOperation(operationName: string): boolean {
  return operationName.startsWith('Admin') || operationName === 'ListUsers' || operationName === 'ListGroups';
}

const localAccountId = '000000000000';

/**
 * Admin operations need a SigV4 signature (service `cognito-idp`) made with the
 * install's administrator credentials; the public operations stay unsigned, as on AWS.
 * Refusals are answered in the AWS JSON protocol: the error type is the `__type`.
 */
export function requireAdminSignature(deps: {
  credentials: AdminCredentials;
  ids: Pick<PoolIds, 'region' | 'userPoolId'>;
  clock: Clock;
  /** The identity pool's credentials, which sign genuinely and are denied (AccessDeniedException). */
  findOtherPrincipal?: (accessKeyId: string) => OtherPrincipal | undefined;
}) {
  const check = requireAdministratorSignature({
    service: 'cognito-idp',
    region: deps.ids.region,
    clock: deps.clock,
    administrator: deps.credentials,
    findOtherPrincipal: deps.findOtherPrincipal,
    refuse: (refusal, message) => new NamedAwsError(refusal, message),
  });
  return (operationName: string, request: RawRequest): void => {
    if (!isAdminOperation(operationName)) return;
    check(request, () => ({
      action: `cognito-idp:${operationName}`,
      resource: `arn:aws:cognito-idp:${deps.ids.region}:${localAccountId}:userpool/${deps.ids.userPoolId}`,
    }));
  };
}
