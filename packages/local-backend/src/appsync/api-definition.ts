import type { AppSyncDefinition, AuthMode, IdentityPoolRoles, SynthesizedBackend } from '@exam-results/amplify-synth';
import { generateModels } from '@aws-amplify/graphql-generator';
import { readFieldDirectives, type FieldDirectives } from './models/field-directives';
import type { ModelIntrospection } from './models/model-catalog';

export type { AuthMode } from '@exam-results/amplify-synth';

/** What the local AppSync serves, all of it taken from the synthesized backend. */
export interface ApiDefinition {
  /** The full AppSync SDL Amplify's transformer produced. */
  sdl: string;
  /** The model introspection schema `ampx` writes into amplify_outputs.json. */
  modelIntrospection: ModelIntrospection;
  /** Field-level `@auth` and `@validate` of the model schema, which the introspection leaves out. */
  fieldDirectives: ReadonlyMap<string, ReadonlyMap<string, FieldDirectives>>;
  defaultAuthMode: AuthMode;
  additionalAuthModes: AuthMode[];
  /** Resolvers, functions and their APPSYNC_JS code, data sources, tables and the API's settings. */
  appSync: AppSyncDefinition;
  /** What the identity pool's roles may call (AppSync checks IAM-signed requests against them). */
  identityPoolRoles: IdentityPoolRoles;
}

/** The API of the synthesized backend, with `model_introspection` generated from its model schema as `ampx` generates it. */
export async function loadApiDefinition(synthesized: SynthesizedBackend): Promise<ApiDefinition> {
  const generated = await generateModels({ schema: synthesized.modelSchema, target: 'introspection' });
  const [introspection, ...extra] = Object.values(generated);
  if (!introspection || extra.length > 0) throw new Error('expected one model introspection file from the generator');
  return {
    sdl: synthesized.graphqlSchema,
    modelIntrospection: JSON.parse(introspection) as ModelIntrospection,
    fieldDirectives: readFieldDirectives(synthesized.modelSchema),
    appSync: synthesized.appSync,
    identityPoolRoles: synthesized.identityPool.roles,
    ...synthesized.graphqlApi,
  };
}
