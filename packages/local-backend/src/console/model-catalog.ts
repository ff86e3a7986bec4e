import type { GraphQLSchema } from 'graphql';
import type { FieldDirectives } from './field-directives';

/** The parts of the model introspection schema (amplify_outputs.json `data.model_introspection`) used here. */
export interface ModelIntrospection {
  version: number;
  models: Record<string, IntrospectionModel>;
  enums: Record<string, unknown>;
  nonModels: Record<string, unknown>;
}

interface IntrospectionModel {
  name: string;
  pluralName: string;
  fields: Record<string, IntrospectionField>;
  attributes?: { type: string; properties?: Record<string, unknown> }[];
  primaryKeyInfo: { primaryKeyFieldName: string; sortKeyFieldNames: string[] };
}

interface IntrospectionField {
  name: string;
  isArray: boolean;
  type: string | { model: string } | { enum: string } | { nonModel: string };
  isReadOnly?: boolean;
  association?: {
    connectionType: 'HAS_MANY' | 'HAS_ONE' | 'BELONGS_TO';
    associatedWith?: string[];
    targetNames?: string[];
  };
}

/** One rule of a model's `@auth` directive, as the model introspection schema lists it. */
export interface AuthRule {
  allow: 'owner' | 'public' | 'private' | 'groups' | 'custom';
  provider: 'userPools' | 'identityPool' | 'iam' | 'apiKey' | 'oidc' | 'function';
  operations: ReadonlySet<string>;
  ownerField: string;
  groups: readonly string[];
  groupClaim: string;
}

const defaultProviders: Record<AuthRule['allow'], AuthRule['provider']> = {
  owner: 'userPools',
  public: 'apiKey',
  private: 'userPools',
  groups: 'userPools',
  custom: 'function',
};

const allOperations = ['create', 'update', 'delete', 'read'];

export function parseAuthRules(model: string, attributes: { type: string; properties?: Record<string, unknown> }[]): AuthRule[] {
  const rules = attributes.find((attribute) => attribute.type === 'auth')?.properties?.['rules'];
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) throw new Error(`the auth rules of ${model} are not a list`);
  return rules.map((raw: Record<string, unknown>) => {
    const allow = raw['allow'] as AuthRule['allow'];
    if (!(allow in defaultProviders)) throw new Error(`${model} has an auth rule of unknown kind "${String(allow)}"`);
    return {
      allow,
      provider: (raw['provider'] as AuthRule['provider'] | undefined) ?? defaultProviders[allow],
      operations: new Set((raw['operations'] as string[] | undefined) ?? allOperations),
      ownerField: (raw['ownerField'] as string | undefined) ?? 'owner',
      groups: (raw['groups'] as string[] | undefined) ?? [],
      groupClaim: (raw['groupClaim'] as string | undefined) ?? 'cognito:groups',
    };
  });
}

/**
 * A relationship field. `hasMany`/`hasOne` find the related items whose `keyFields`
 * hold this item's primary key (a secondary index of the related table); `belongsTo`
 * reads the related item whose primary key is this item's `keyFields`.
 */
export interface Relation {
  field: string;
  kind: 'hasMany' | 'hasOne' | 'belongsTo';
  related: string;
  keyFields: string[];
}

export interface ModelInfo {
  name: string;
  /** Partition key then sort keys. */
  keyFields: string[];
  /** Whether `id` is generated when a create leaves it out. */
  generatesId: boolean;
  createdAtField: string | undefined;
  updatedAtField: string | undefined;
  authRules: AuthRule[];
  /** Field-level `@auth` rules and `@validate` checks, by field. */
  fieldDirectives: ReadonlyMap<string, FieldDirectives>;
  relations: Map<string, Relation>;
  /** Whether `owner` fields of this model hold a list of owners. */
  isListField(field: string): boolean;
}

export type RootOperation =
  | { kind: 'get' | 'list' | 'create' | 'update' | 'delete'; model: ModelInfo };

export interface ModelCatalog {
  models: Map<string, ModelInfo>;
  /** Root Query/Mutation fields the generic resolvers serve, by field name. */
  operations: Map<string, RootOperation>;
  /** Secondary indexes the relationship fields read: model name → key field lists. */
  indexes: Map<string, string[][]>;
}

function relationOf(field: IntrospectionField): Relation | undefined {
  const { association, type } = field;
  if (!association || typeof type !== 'object' || !('model' in type)) return undefined;
  const keyFields = association.connectionType === 'BELONGS_TO' ? association.targetNames : association.associatedWith;
  if (!keyFields || keyFields.length === 0) {
    throw new Error(`relationship ${field.name} -> ${type.model} names no reference fields`);
  }
  const kind = ({ HAS_MANY: 'hasMany', HAS_ONE: 'hasOne', BELONGS_TO: 'belongsTo' } as const)[association.connectionType];
  return { field: field.name, kind, related: type.model, keyFields };
}

function timestampFields(model: IntrospectionModel): { createdAt?: string; updatedAt?: string } {
  const declared = model.attributes?.find((attribute) => attribute.type === 'model')?.properties?.['timestamps'];
  if (declared && typeof declared === 'object') return declared as { createdAt?: string; updatedAt?: string };
  const readOnly = (name: string): string | undefined => (model.fields[name]?.isReadOnly ? name : undefined);
  return { createdAt: readOnly('createdAt'), updatedAt: readOnly('updatedAt') };
}

function modelInfo(model: IntrospectionModel, fieldDirectives: ReadonlyMap<string, FieldDirectives>): ModelInfo {
  const { primaryKeyFieldName, sortKeyFieldNames } = model.primaryKeyInfo;
  const relations = new Map<string, Relation>();
  for (const field of Object.values(model.fields)) {
    const relation = relationOf(field);
    if (relation) relations.set(field.name, relation);
  }
  const timestamps = timestampFields(model);
  return {
    name: model.name,
    keyFields: [primaryKeyFieldName, ...sortKeyFieldNames],
    generatesId: primaryKeyFieldName === 'id' && sortKeyFieldNames.length === 0,
    createdAtField: timestamps.createdAt,
    updatedAtField: timestamps.updatedAt,
    authRules: parseAuthRules(model.name, model.attributes ?? []),
    fieldDirectives,
    relations,
    isListField: (field) => model.fields[field]?.isArray === true,
  };
}

/** The primary key values of an item (or of a mutation's input), in key order. */
export function keyOf(model: ModelInfo, values: Record<string, unknown>): unknown[] {
  return model.keyFields.map((field) => values[field]);
}

/**
 * Reads the models out of the introspection schema and matches them to the root
 * fields of the served schema by the names the Amplify client itself uses
 * (`get<Model>`, `list<PluralName>`, `create<Model>`, ...).
 */
export function buildModelCatalog(
  introspection: ModelIntrospection,
  schema: GraphQLSchema,
  fieldDirectives: ReadonlyMap<string, ReadonlyMap<string, FieldDirectives>>,
): ModelCatalog {
  const models = new Map<string, ModelInfo>();
  const operations = new Map<string, RootOperation>();
  const indexes = new Map<string, string[][]>();
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  const mutationFields = schema.getMutationType()?.getFields() ?? {};

  for (const raw of Object.values(introspection.models)) {
    const model = modelInfo(raw, fieldDirectives.get(raw.name) ?? new Map());
    models.set(model.name, model);
    const candidates: [string, RootOperation['kind'], Record<string, unknown>][] = [
      [`get${model.name}`, 'get', queryFields],
      [`list${raw.pluralName}`, 'list', queryFields],
      [`create${model.name}`, 'create', mutationFields],
      [`update${model.name}`, 'update', mutationFields],
      [`delete${model.name}`, 'delete', mutationFields],
    ];
    for (const [fieldName, kind, fields] of candidates) {
      if (fieldName in fields) operations.set(fieldName, { kind, model });
    }
  }

  for (const model of models.values()) {
    for (const relation of model.relations.values()) {
      if (!models.has(relation.related)) {
        throw new Error(`${model.name}.${relation.field} refers to unknown model ${relation.related}`);
      }
      if (relation.kind === 'belongsTo') continue;
      const known = indexes.get(relation.related) ?? [];
      if (!known.some((fields) => fields.join() === relation.keyFields.join())) known.push(relation.keyFields);
      indexes.set(relation.related, known);
    }
  }
  return { models, operations, indexes };
}
