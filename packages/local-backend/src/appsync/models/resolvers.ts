import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { AppSyncError } from '../appsync-errors';
import type { RootOperation } from './model-catalog';
import { create } from './operations/create';
import { remove } from './operations/delete';
import { get } from './operations/get';
import { list } from './operations/list';
import { update } from './operations/update';
import { ownerFieldResolver, relationResolver } from './relations';
import type { ModelOperation, ResolverDeps } from './resolver-context';

const operations: Record<RootOperation['kind'], ModelOperation> = { get, list, create, update, delete: remove };

/**
 * Attaches the generic model resolvers to the root fields and model types of `schema`.
 * Returns the root Query/Mutation fields no generic resolver serves (custom queries,
 * secondary-index queries); they answer with an error naming themselves.
 */
export function attachResolvers(schema: GraphQLSchema, deps: ResolverDeps): string[] {
  const unserved: string[] = [];
  const roots = [schema.getQueryType(), schema.getMutationType()];
  for (const root of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const operation = deps.catalog.operations.get(field.name);
      if (operation) {
        field.resolve = operations[operation.kind](deps, field.name, operation.model);
      } else {
        const name = `${root.name}.${field.name}`;
        unserved.push(name);
        field.resolve = () => {
          throw new AppSyncError('NotImplemented', `The local backend has no resolver for ${name}`);
        };
      }
    }
  }
  for (const model of deps.catalog.models.values()) {
    const type = schema.getType(model.name) as GraphQLObjectType | undefined;
    if (!type) throw new Error(`the schema has no type for model ${model.name}`);
    const fields = type.getFields();
    for (const relation of model.relations.values()) {
      const field = fields[relation.field];
      if (field) field.resolve = relationResolver(deps, type, model, relation);
    }
    for (const rule of model.authRules) {
      const field = rule.allow === 'owner' ? fields[rule.ownerField] : undefined;
      if (field) field.resolve = ownerFieldResolver(rule.ownerField);
    }
  }
  return unserved;
}
