import { Fn, Stack } from 'aws-cdk-lib';
import { CfnDataSource, CfnFunctionConfiguration, type CfnResolver } from 'aws-cdk-lib/aws-appsync';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { appsyncCode } from './appsync-code';

export interface DataResources {
  cfnResources: {
    cfnResolvers: Record<string, CfnResolver>;
    cfnFunctionConfigurations: Record<string, CfnFunctionConfiguration>;
  };
}

/** An APPSYNC_JS function of ours, run inside a pipeline Amplify generates. */
export interface SplicedFunction {
  /** The generated resolver, e.g. `Mutation.createResult`. */
  resolver: string;
  /** The generated function it runs right before, or right after. */
  at: { before: string } | { after: string };
  /** The model whose table it reads, and what it does there; none: a NONE data source. */
  reads?: { model: string; actions: string[] };
  code: URL;
}

const pascal = (text: string) => text.replace(/(^|[-.])(\w)/g, (_, _sep: string, letter: string) => letter.toUpperCase());

/**
 * Adds our functions to the pipelines Amplify generates for the models. Gen 2 has no resolver
 * slots for generated resolvers, so each is spliced into its pipeline's function list.
 *
 * Each function lives in the nested stack of its resolver and reads the other model's table
 * through a data source of its own there: using the other stack's data source would make the
 * Exam and Result stacks depend on each other, which CloudFormation refuses.
 */
export function spliceFunctions(data: { resources: DataResources }, splices: readonly SplicedFunction[]): void {
  const { cfnResolvers, cfnFunctionConfigurations } = data.resources.cfnResources;
  for (const splice of splices) {
    const resolver = cfnResolvers[splice.resolver];
    const neighbourName = 'before' in splice.at ? splice.at.before : splice.at.after;
    const neighbour = cfnFunctionConfigurations[neighbourName];
    if (!resolver || !neighbour) throw new Error(`cannot add ${splice.code.pathname} to ${splice.resolver}: no such generated resolver or function ${neighbourName}`);
    const stack = Stack.of(resolver);
    const name = `${pascal(splice.resolver)}${pascal(splice.code.pathname.split('/').pop()?.replace(/\.ts$/, '') ?? 'check')}`;
    const fn = new CfnFunctionConfiguration(stack, name, {
      apiId: resolver.apiId,
      name,
      dataSourceName: dataSourceFor(stack, name, resolver.apiId, splice.reads).attrName,
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: appsyncCode(splice.code),
    });
    const functions = (resolver.pipelineConfig as CfnResolver.PipelineConfigProperty | undefined)?.functions ?? [];
    const at = functions.indexOf(neighbour.attrFunctionId);
    if (at < 0) throw new Error(`${splice.resolver} does not run ${neighbourName}`);
    const insertAt = 'before' in splice.at ? at : at + 1;
    resolver.pipelineConfig = { functions: [...functions.slice(0, insertAt), fn.attrFunctionId, ...functions.slice(insertAt)] };
  }
}

function dataSourceFor(stack: Stack, name: string, apiId: string, reads: SplicedFunction['reads']): CfnDataSource {
  if (!reads) return new CfnDataSource(stack, `${name}DataSource`, { apiId, name: `${name}None`, type: 'NONE' });
  const tableName = amplifyTableName(stack, reads.model, apiId);
  const tableArn = stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
  const role = new Role(stack, `${name}Role`, { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
  role.addToPolicy(new PolicyStatement({ actions: reads.actions, resources: [tableArn, `${tableArn}/index/*`] }));
  return new CfnDataSource(stack, `${name}DataSource`, {
    apiId,
    name: `${name}${reads.model}Table`,
    type: 'AMAZON_DYNAMODB',
    dynamoDbConfig: { tableName, awsRegion: stack.region },
    serviceRoleArn: role.roleArn,
  });
}

/**
 * The name Amplify gives a model's table: `<Model>-<apiId>-<environment>`, the environment
 * being NONE in a sandbox and the branch otherwise (as @aws-amplify/backend-data names it).
 */
function amplifyTableName(stack: Stack, model: string, apiId: string): string {
  const sandbox = stack.node.tryGetContext('amplify-backend-type') === 'sandbox';
  const environment = sandbox ? 'NONE' : String(stack.node.tryGetContext('amplify-backend-name'));
  return Fn.join('', [`${model}-`, apiId, `-${environment}`]);
}
