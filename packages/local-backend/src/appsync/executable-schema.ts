import { buildSchema, isScalarType, type GraphQLSchema } from 'graphql';
import type { ApiDefinition } from './api-definition';
import { enforceAuthModeDirectives } from './auth-modes';
import { enforceIamPolicies } from './iam-policies';
import { appSyncDefinitions, installAppSyncScalars } from './aws-scalars';
import { buildModelCatalog, type ModelCatalog } from './models/model-catalog';
import { attachResolvers } from './models/resolvers';
import { installRequestLimits } from './request-limits';
import type { JsHooks } from './js-resolvers/hooks';
import type { ResolverDeps } from './models/resolver-context';

interface ExecutableSchema {
  schema: GraphQLSchema;
  catalog: ModelCatalog;
  /** Root fields with no local resolver, e.g. `Query.listResultByExamId`. */
  unserved: string[];
}

/**
 * Builds the schema AppSync serves from the synthesized SDL and wires it: AppSync
 * scalar validation, the generic model resolvers, the auth-mode directives and the API's request limits.
 * `connect` receives the model catalog and returns what the resolvers need.
 */
export function buildExecutableSchema(
  definition: ApiDefinition,
  connect: (catalog: ModelCatalog) => Omit<ResolverDeps, 'catalog'> & { js: JsHooks },
): ExecutableSchema {
  const schema = buildSchema(`${appSyncDefinitions}\n${definition.sdl}`);
  installAppSyncScalars(Object.values(schema.getTypeMap()).filter(isScalarType));
  const catalog = buildModelCatalog(definition.modelIntrospection, schema, definition.fieldDirectives);
  const { js, ...deps } = connect(catalog);
  const unserved = attachResolvers(schema, { catalog, ...deps }, js);
  enforceIamPolicies(schema, definition.identityPoolRoles, new Set(definition.appSync.resolvers.map(({ typeName, fieldName }) => `${typeName}.${fieldName}`)));
  enforceAuthModeDirectives(schema, definition.defaultAuthMode);
  installRequestLimits(schema, definition.appSync);
  return { schema, catalog, unserved };
}
