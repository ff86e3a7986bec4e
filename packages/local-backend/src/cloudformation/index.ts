import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { ServiceContext } from '../shared/service-context';
import type { OtherPrincipal } from '../shared/sigv4';
import type { AdminCredentials } from '../user-pool';
import { queryHandler, QueryError, type XmlValue } from './query-protocol';
import { describeRootStack, type StackDescription } from './root-stack';
import { requireAdminSignature } from './signature';

export { createCodegenAssets } from './codegen-assets';

export interface CloudFormation {
  handleHttp: ReturnType<typeof queryHandler>;
}

function stackXml(stack: StackDescription): XmlValue {
  return {
    StackId: stack.id,
    StackName: stack.name,
    CreationTime: stack.createdAt.toISOString(),
    StackStatus: 'CREATE_COMPLETE',
    DisableRollback: 'false',
    Outputs: stack.outputs.map((output) => ({ OutputKey: output.key, OutputValue: output.value })),
    Tags: stack.tags.map((tag) => ({ Key: tag.key, Value: tag.value })),
    Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
  };
}

/**
 * The two CloudFormation calls through which `@aws-amplify/client-config` (and so `ampx sandbox
 * seed`'s `@aws-amplify/seed`) reads a deployed backend: `GetTemplateSummary` (the root stack's
 * Metadata) and `DescribeStacks` (its outputs). The one stack is the synthesized root stack,
 * under the name `ampx sandbox` deploys it as, its outputs filled in with this backend's ids.
 */
export function createCloudFormation(
  context: ServiceContext,
  deps: {
    adminCredentials: AdminCredentials;
    /** The identity pool's credentials, whose signed calls are denied. */
    findOtherPrincipal?: (accessKeyId: string) => OtherPrincipal | undefined;
    dataUrl: string;
    definition: () => Pick<SynthesizedBackend, 'rootStack' | 'rootStackOutputs'>;
  },
): CloudFormation {
  const createdAt = context.clock.now();
  const stack = () => describeRootStack(deps.definition(), { ids: context.ids, dataUrl: deps.dataUrl }, createdAt);
  const find = (stackName: string): StackDescription => {
    const current = stack();
    if (stackName !== current.name && stackName !== current.id) throw new QueryError('ValidationError', `Stack with id ${stackName} does not exist`);
    return current;
  };

  return {
    handleHttp: queryHandler({
      log: context.log,
      authorize: requireAdminSignature({ credentials: deps.adminCredentials, region: context.ids.region, clock: context.clock, findOtherPrincipal: deps.findOtherPrincipal }),
      actions: {
        DescribeStacks: (parameters) => {
          const stackName = parameters.get('StackName');
          return { Stacks: [stackXml(stackName ? find(stackName) : stack())] };
        },
        GetTemplateSummary: (parameters) => {
          const stackName = parameters.get('StackName');
          if (!stackName) {
            const other = ['TemplateBody', 'TemplateURL', 'StackSetName'].find((name) => parameters.has(name));
            throw new QueryError(
              'ValidationError',
              other ? `The local backend summarizes its deployed stack only; ${other} is not served, give StackName.` : 'Either Template URL or Template Body or StackSetName or StackName must be specified.',
            );
          }
          const found = find(stackName);
          return { Metadata: found.metadata, Version: '2010-09-09', Parameters: [] };
        },
      },
    }),
  };
}
