import type { RawRequest } from '../shared/aws-json-protocol';
import type { Clock } from '../shared/clock';
import { requireAdministratorSignature, type AdministratorRefusal, type OtherPrincipal } from '../shared/sigv4';
import type { AdminCredentials } from '../user-pool';
import { QueryError } from './query-protocol';

// The Query protocol names refusals differently from the JSON protocol.
const queryCodes: Record<AdministratorRefusal, { code: string; status: number }> = {
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
  AccessDeniedException: { code: 'AccessDenied', status: 403 },
};

const localAccountId = '000000000000';

/** Every CloudFormation call needs a SigV4 signature (service `cloudformation`) made with the install's administrator credentials. */
export function requireAdminSignature(deps: {
  credentials: AdminCredentials;
  region: string;
  clock: Clock;
  /** The identity pool's credentials, which sign genuinely and are denied (AccessDenied). */
  findOtherPrincipal?: (accessKeyId: string) => OtherPrincipal | undefined;
}) {
  const check = requireAdministratorSignature({
    service: 'cloudformation',
    region: deps.region,
    clock: deps.clock,
    administrator: deps.credentials,
    findOtherPrincipal: deps.findOtherPrincipal,
    refuse: (refusal, message) => new QueryError(queryCodes[refusal].code, message, queryCodes[refusal].status),
  });
  return (request: RawRequest): void =>
    check(request, () => {
      const parameters = new URLSearchParams(request.body.toString('utf8'));
      const stackName = parameters.get('StackName');
      return {
        action: `cloudformation:${parameters.get('Action') ?? ''}`,
        // A stack named by its ARN is that resource; by its name, or no stack, every stack of that name (or all).
        resource: stackName?.startsWith('arn:') ? stackName : `arn:aws:cloudformation:${deps.region}:${localAccountId}:stack/${stackName ?? '*'}/*`,
      };
    });
}
