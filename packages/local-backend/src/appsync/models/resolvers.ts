import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { Item } from '../../shared/values';
import { AppSyncError, unauthorized } from '../appsync-errors';
import { mayReadField, readRestrictedFields } from './model-auth';
import type { RootOperation } from './model-catalog';
import { create } from './operations/create';
import { remove } from './operations/delete';
import { get } from './operations/get';
import { list } from './operations/list';
import { update } from './operations/update';
import { ownerFieldResolver, relationResolver } from './relations';
import type { JsHooks } from '../js-resolvers/hooks';
import { isMutationResult, type ModelOperation, type ResolverDeps } from './resolver-context';

const operations: Record<RootOperation['kind'], ModelOperation> = { get, list, create, update, delete: remove };

/**
 * Attaches the generic model resolvers to the root fields and model types of `schema`.
 * Returns the root Query/Mutation fields no generic resolver serves (custom queries,
 * secondary-index queries); they answer with an error naming themselves.
 */
export function attachResolvers(schema: GraphQLSchema, deps: ResolverDeps, js: JsHooks): string[] {
  const unserved: string[] = [];
  const roots = [schema.getQueryType(), schema.getMutationType()];
  for (const root of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const operation = deps.catalog.operations.get(field.name);
      const own = js.resolver(root.name, field.name);
      if (own) {
        field.resolve = own;
      } else if (operation) {
        field.resolve = operations[operation.kind](deps, field.name, operation.model, js.extras(root.name, field.name, operation.model));
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
    for (const name of readRestrictedFields(model)) {
      const field = fields[name];
      if (!field) continue;
      const resolve = field.resolve ?? ((source: unknown) => (source as Item)[name]);
      // As the generated field resolver does: never in a mutation's result (so never in a
      // subscription event), and otherwise only for callers its own rules admit.
      field.resolve = (source, args, context, info) => {
        if (isMutationResult(source)) return null;
        if (!mayReadField(model, name, context.caller, source as Item)) throw unauthorized(name, type.name);
        return resolve(source, args, context, info);
      };
    }
  }
  return unserved;
}
