import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import { generateModels } from '@aws-amplify/graphql-generator';
import type { ModelIntrospection } from './model-catalog';

export type AuthMode = 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'API_KEY' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

/** What the local AppSync serves, all of it taken from the synthesized backend. */
export interface ApiDefinition {
  /** The full AppSync SDL Amplify's transformer produced. */
  sdl: string;
  /** The model introspection schema `ampx` writes into amplify_outputs.json. */
  modelIntrospection: ModelIntrospection;
  defaultAuthMode: AuthMode;
  additionalAuthModes: AuthMode[];
}

interface GraphqlApiProperties {
  AuthenticationType: AuthMode;
  AdditionalAuthenticationProviders?: { AuthenticationType: AuthMode }[];
}

function graphqlApiProperties(dataTemplate: Record<string, unknown>): GraphqlApiProperties {
  const resources = Object.values((dataTemplate['Resources'] ?? {}) as Record<string, { Type: string; Properties?: unknown }>);
  const api = resources.find((resource) => resource.Type === 'AWS::AppSync::GraphQLApi');
  if (!api?.Properties) throw new Error('the synthesized data stack has no AWS::AppSync::GraphQLApi');
  return api.Properties as GraphqlApiProperties;
}

/**
 * The model-level schema (`@model`, `@auth`, relationships) the data construct ships
 * as a codegen asset; `ampx` turns that same file into `model_introspection`.
 */
function modelSchemaOf(assemblyDir: string): string {
  const candidates = readdirSync(assemblyDir)
    .filter((entry) => entry.startsWith('asset.'))
    .map((entry) => join(assemblyDir, entry, 'model-schema.graphql'))
    .filter((file) => existsSync(file));
  const [file, ...others] = candidates;
  if (!file || others.length > 0) {
    throw new Error(`expected one model-schema.graphql asset in ${assemblyDir}, found ${candidates.length}`);
  }
  return readFileSync(file, 'utf8');
}

export async function loadApiDefinition(synthesized: SynthesizedBackend): Promise<ApiDefinition> {
  const generated = await generateModels({ schema: modelSchemaOf(synthesized.assemblyDir), target: 'introspection' });
  const [introspection, ...extra] = Object.values(generated);
  if (!introspection || extra.length > 0) throw new Error('expected one model introspection file from the generator');
  const api = graphqlApiProperties(synthesized.dataTemplate);
  return {
    sdl: synthesized.graphqlSchema,
    modelIntrospection: JSON.parse(introspection) as ModelIntrospection,
    defaultAuthMode: api.AuthenticationType,
    additionalAuthModes: (api.AdditionalAuthenticationProviders ?? []).map((provider) => provider.AuthenticationType),
  };
}
