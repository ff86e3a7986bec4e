import type { AppSyncDefinition, AuthMode, IdentityPoolRoles, SynthesizedBackend } from '@exam-results/amplify-synth';
import { generateModels } from '@aws-amplify/graphql-generator';

export type { AuthMode } from '@exam-results/amplify-synth';

/** The model introspection schema (amplify_outputs.json `data.model_introspection`). */
export interface ModelIntrospection {
  version: number;
  models: Record<string, unknown>;
  enums: Record<string, unknown>;
  nonModels: Record<string, unknown>;
}

/** What the local AppSync serves, all of it taken from the synthesized backend. */
export interface ApiDefinition {
  /** The full AppSync SDL Amplify's transformer produced. */
  sdl: string;
  /** The model schema (model-schema.graphql) `ampx` generates the model introspection from. */
  modelSchema: string;
  /** The model introspection schema `ampx` writes into amplify_outputs.json. */
  modelIntrospection: ModelIntrospection;
  defaultAuthMode: AuthMode;
  additionalAuthModes: AuthMode[];
  /** Resolvers, functions and their VTL and APPSYNC_JS code, data sources, tables and the API's settings. */
  appSync: AppSyncDefinition;
  /** What the identity pool's roles may call (AppSync checks IAM-signed requests against them), and their names. */
  identityPoolRoles: IdentityPoolRoles;
}

/** The API of the synthesized backend, with `model_introspection` generated from its model schema as `ampx` generates it. */
export async function loadApiDefinition(synthesized: SynthesizedBackend): Promise<ApiDefinition> {
  const generated = await generateModels({ schema: synthesized.modelSchema, target: 'introspection' });
  const [introspection, ...extra] = Object.values(generated);
  if (!introspection || extra.length > 0) throw new Error('expected one model introspection file from the generator');
  return {
    sdl: synthesized.graphqlSchema,
    modelSchema: synthesized.modelSchema,
    modelIntrospection: JSON.parse(introspection) as ModelIntrospection,
    appSync: synthesized.appSync,
    identityPoolRoles: synthesized.identityPool.roles,
    ...synthesized.graphqlApi,
  };
}
