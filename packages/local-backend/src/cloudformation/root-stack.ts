import { createHash } from 'node:crypto';
import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { PoolIds } from '../shared/pool-ids';
import { modelSchemaS3Uri } from './codegen-assets';

/** What stands in for the resources the root stack's non-literal outputs name once deployed. */
export interface LocalResources {
  ids: PoolIds;
  /** The GraphQL endpoint, as amplify_outputs.json gives it. */
  dataUrl: string;
}

export interface StackDescription {
  name: string;
  id: string;
  createdAt: Date;
  /** The stack's outputs as CloudFormation lists them once deployed. */
  outputs: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  /** The template's Metadata section, as GetTemplateSummary returns it (a JSON string). */
  metadata: string;
}

/**
 * The values a deployment gives the outputs ampx declares (its output keys), here this backend's:
 * the same ids and URL amplify_outputs.json is written with, and the model schema's place in the
 * codegen assets bucket this backend serves.
 */
function deployedValues(local: LocalResources): Record<string, string> {
  const { ids } = local;
  return {
    region: ids.region,
    authRegion: ids.region,
    userPoolId: ids.userPoolId,
    webClientId: ids.userPoolClientId,
    oauthClientId: ids.userPoolClientId,
    identityPoolId: ids.identityPoolId,
    awsAppsyncRegion: ids.region,
    awsAppsyncApiEndpoint: local.dataUrl,
    awsAppsyncApiId: 'local-api',
    amplifyApiModelSchemaS3Uri: modelSchemaS3Uri,
  };
}

/** A stack id of the shape CloudFormation gives, stable for this install. */
function stackIdOf(name: string, ids: PoolIds): string {
  const hex = createHash('sha256').update(name).update(ids.userPoolId).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `arn:aws:cloudformation:${ids.region}:000000000000:stack/${name}/${uuid}`;
}

/** The synthesized root stack as CloudFormation would describe it after `ampx sandbox` deployed it here. */
export function describeRootStack(definition: Pick<SynthesizedBackend, 'rootStack' | 'rootStackOutputs'>, local: LocalResources, createdAt: Date): StackDescription {
  const deployed = deployedValues(local);
  const { name, metadata, outputNames } = definition.rootStack;
  const outputs = outputNames.flatMap((key) => {
    const value = definition.rootStackOutputs[key] ?? deployed[key];
    return value === undefined ? [] : [{ key, value }];
  });
  const deploymentType = definition.rootStackOutputs['deploymentType'];
  return {
    name,
    id: stackIdOf(name, local.ids),
    createdAt,
    outputs,
    tags: deploymentType === undefined ? [] : [{ key: 'amplify:deployment-type', value: deploymentType }],
    metadata: JSON.stringify(metadata),
  };
}
