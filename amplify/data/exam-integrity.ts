import { Fn, Stack } from 'aws-cdk-lib';
import { CfnDataSource, CfnFunctionConfiguration, type CfnResolver } from 'aws-cdk-lib/aws-appsync';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { appsyncCode } from './appsync-code';

interface DataResources {
  cfnResources: {
    cfnResolvers: Record<string, CfnResolver>;
    cfnFunctionConfigurations: Record<string, CfnFunctionConfiguration>;
  };
}

interface Check {
  /** The generated resolver, e.g. `Mutation.createResult`. */
  resolver: string;
  /** Its generated data function, before which the check runs (after Amplify's auth and validation). */
  before: string;
  /** The model whose table the check reads, and what it does there. */
  reads: { model: string; actions: string[] };
  code: URL;
}

const checks: Check[] = [
  { resolver: 'Mutation.createResult', before: 'MutationCreateResultDataResolverFn', reads: { model: 'Exam', actions: ['dynamodb:GetItem'] }, code: new URL('./resolvers/require-exam-owner.ts', import.meta.url) },
  { resolver: 'Mutation.updateResult', before: 'MutationUpdateResultDataResolverFn', reads: { model: 'Exam', actions: ['dynamodb:GetItem'] }, code: new URL('./resolvers/require-exam-owner.ts', import.meta.url) },
  { resolver: 'Mutation.deleteExam', before: 'MutationDeleteExamDataResolverFn', reads: { model: 'Result', actions: ['dynamodb:Query'] }, code: new URL('./resolvers/refuse-exam-with-results.ts', import.meta.url) },
];

const pascal = (text: string) => text.replace(/(^|[-.])(\w)/g, (_, _sep: string, letter: string) => letter.toUpperCase());

/**
 * Adds the checks that keep results under their owner's exams to the pipelines Amplify
 * generates for the models. Gen 2 has no resolver slots for generated resolvers, so each check
 * is an APPSYNC_JS function spliced into the pipeline right before its write.
 *
 * Each check lives in the nested stack of its resolver and reads the other model's table
 * through a data source of its own there: using the other stack's data source would make the
 * Exam and Result stacks depend on each other, which CloudFormation refuses.
 */
export function addExamIntegrityChecks(data: { resources: DataResources }): void {
  const { cfnResolvers, cfnFunctionConfigurations } = data.resources.cfnResources;
  for (const check of checks) {
    const resolver = cfnResolvers[check.resolver];
    const dataFunction = cfnFunctionConfigurations[check.before];
    if (!resolver || !dataFunction) throw new Error(`cannot add ${check.code.pathname} to ${check.resolver}: no such generated resolver or function`);
    const stack = Stack.of(resolver);
    const name = `${pascal(check.resolver)}${pascal(check.code.pathname.split('/').pop()?.replace(/\.ts$/, '') ?? 'check')}`;
    const tableName = amplifyTableName(stack, check.reads.model, resolver.apiId);
    const tableArn = stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
    const role = new Role(stack, `${name}Role`, { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: check.reads.actions, resources: [tableArn, `${tableArn}/index/*`] }));
    const dataSource = new CfnDataSource(stack, `${name}DataSource`, {
      apiId: resolver.apiId,
      name: `${name}${check.reads.model}Table`,
      type: 'AMAZON_DYNAMODB',
      dynamoDbConfig: { tableName, awsRegion: stack.region },
      serviceRoleArn: role.roleArn,
    });
    const fn = new CfnFunctionConfiguration(stack, name, {
      apiId: resolver.apiId,
      name,
      dataSourceName: dataSource.attrName,
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: appsyncCode(check.code),
    });
    const functions = (resolver.pipelineConfig as CfnResolver.PipelineConfigProperty | undefined)?.functions ?? [];
    const at = functions.indexOf(dataFunction.attrFunctionId);
    if (at < 0) throw new Error(`${check.resolver} does not run ${check.before}`);
    resolver.pipelineConfig = { functions: [...functions.slice(0, at), fn.attrFunctionId, ...functions.slice(at)] };
  }
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
