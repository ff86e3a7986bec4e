import type { GraphQLObjectType } from 'graphql';
import type { Item } from '../../shared/values';
import { unauthorized } from '../appsync-errors';
import { storageKey, type PageRequest } from './item-store';
import { keyOf, type ModelInfo, type Relation } from './model-catalog';
import { filteredPage, readOrDeny, visible } from './reads';
import { isMutationResult, type Resolver, type ResolverDeps } from './resolver-context';

/**
 * A relationship field: `belongsTo` reads the related item by key, `hasOne`/`hasMany`
 * query the related model's index. On a mutation's result they resolve to null / no
 * items, as the generated resolvers do.
 */
export function relationResolver(deps: ResolverDeps, type: GraphQLObjectType, owner: ModelInfo, relation: Relation): Resolver {
  const related = deps.catalog.models.get(relation.related);
  if (!related) throw new Error(`${owner.name}.${relation.field} refers to unknown model ${relation.related}`);
  const { store } = deps;
  if (relation.kind === 'belongsTo') {
    return (source, _args, { caller }) => {
      if (isMutationResult(source)) return null;
      const access = readOrDeny(related, caller, 'get', relation.field, type.name);
      const key = relation.keyFields.map((field) => (source as Item)[field]);
      if (key.some((value) => value === null || value === undefined || value === '')) return null;
      const item = store.get(related.name, key);
      if (!item) return null;
      if (!visible(access, item)) throw unauthorized(relation.field, type.name);
      return item;
    };
  }
  return (source, args, { caller }) => {
    if (isMutationResult(source)) return relation.kind === 'hasMany' ? { items: [], nextToken: null } : null;
    const access = readOrDeny(related, caller, 'list', relation.field, type.name);
    const key = keyOf(owner, source as Item);
    if (key.some((value) => value === null || value === undefined)) {
      return relation.kind === 'hasMany' ? { items: [], nextToken: null } : null;
    }
    const query = (page: PageRequest) => store.query(related.name, relation.keyFields, key, page);
    if (relation.kind === 'hasOne') {
      return query({ limit: Number.MAX_SAFE_INTEGER }).items.find((item) => visible(access, item)) ?? null;
    }
    const tokenSource = `query:${related.name}:${relation.keyFields.join(',')}:${storageKey(key)}`;
    return filteredPage(deps, tokenSource, args, access, query);
  };
}

/** The generated resolvers of owner fields return only the username part of `<sub>::<username>`. */
export function ownerFieldResolver(field: string): Resolver {
  return (source) => ownerFieldValue((source as Item)[field]);
}

/** An owner field as it is answered: the username part of each stored `<sub>::<username>`. */
export function ownerFieldValue(value: unknown): unknown {
  const lastPart = (owner: unknown) => (typeof owner === 'string' ? (owner.split('::').pop() ?? owner) : owner);
  return Array.isArray(value) ? value.map(lastPart) : lastPart(value);
}
