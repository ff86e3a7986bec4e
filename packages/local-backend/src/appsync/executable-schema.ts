import { buildSchema, isObjectType, isScalarType, type GraphQLSchema } from 'graphql';
import type { ApiDefinition } from './api-definition';
import { AppSyncError } from './appsync-errors';
import { enforceAuthModeDirectives } from './auth-modes';
import { appSyncDefinitions, installAppSyncScalars } from './aws-scalars';
import { enforceIamPolicies } from './iam-policies';
import type { Pipelines } from './pipelines/build-pipelines';
import { fieldResolver, type InvokeDeps } from './pipelines/invoke';
import { installRequestLimits } from './request-limits';

interface ExecutableSchema {
  schema: GraphQLSchema;
  /** Query and Mutation fields with no resolver that runs here, with why. */
  unserved: Map<string, string>;
}

/**
 * Builds the schema AppSync serves from the synthesized SDL and wires it as AppSync does: each
 * field with a resolver in the assembly runs that resolver, every other field reads its value
 * from the parent; then AppSync's scalars, its auth-mode directives, the identity pool roles'
 * policies and the API's request limits.
 */
export function buildExecutableSchema(definition: ApiDefinition, pipelines: Pipelines, deps: InvokeDeps): ExecutableSchema {
  const schema = buildSchema(`${appSyncDefinitions}\n${definition.sdl}`);
  installAppSyncScalars(Object.values(schema.getTypeMap()).filter(isScalarType));
  const unserved = new Map(pipelines.unsupported);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      const resolver = pipelines.resolver(type.name, field.name);
      if (resolver) field.resolve = fieldResolver(deps, resolver);
      else if (isRoot || unserved.has(name)) {
        const why = unserved.get(name) ?? 'it has no resolver';
        unserved.set(name, why);
        field.resolve = () => {
          throw new AppSyncError('NotImplemented', `The local backend cannot run ${name}: ${why}`);
        };
      }
    }
  }
  enforceIamPolicies(schema, definition.identityPoolRoles, new Set(definition.appSync.resolvers.map(({ typeName, fieldName }) => `${typeName}.${fieldName}`)));
  enforceAuthModeDirectives(schema, definition.defaultAuthMode);
  installRequestLimits(schema, definition.appSync);
  return { schema, unserved };
}
