import type { GraphQLSchema } from 'graphql';

/** The parts of the model introspection schema (amplify_outputs.json `data.model_introspection`) the console reads. */
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
  association?: { connectionType: 'HAS_MANY' | 'HAS_ONE' | 'BELONGS_TO' };
}

/** A model as the data browser edits it. */
export interface ModelInfo {
  name: string;
  /** Partition key then sort keys. */
  keyFields: string[];
  updatedAtField: string | undefined;
  /** The fields holding an owner (`@auth` owner rules), whose answers name the owner by username. */
  ownerFields: ReadonlySet<string>;
  /** Relationship fields, which are not stored. */
  relations: ReadonlySet<string>;
}

export interface ModelCatalog {
  models: Map<string, ModelInfo>;
  /** The update and delete mutation fields of each model, which the console's edits are told to subscribers as. */
  operations: Map<string, { kind: 'update' | 'delete'; model: ModelInfo }>;
}

function ownerFieldsOf(model: IntrospectionModel): Set<string> {
  const rules = model.attributes?.find((attribute) => attribute.type === 'auth')?.properties?.['rules'];
  const owners = (Array.isArray(rules) ? rules : []) as { allow?: string; ownerField?: string }[];
  return new Set(owners.filter((rule) => rule.allow === 'owner').map((rule) => rule.ownerField ?? 'owner'));
}

function updatedAtFieldOf(model: IntrospectionModel): string | undefined {
  const declared = model.attributes?.find((attribute) => attribute.type === 'model')?.properties?.['timestamps'];
  if (declared && typeof declared === 'object') return (declared as { updatedAt?: string }).updatedAt;
  return model.fields['updatedAt']?.isReadOnly ? 'updatedAt' : undefined;
}

/** The primary key values of an item, in key order. */
export function keyOf(model: ModelInfo, values: Record<string, unknown>): unknown[] {
  return model.keyFields.map((field) => values[field]);
}

/**
 * Reads the models out of the introspection schema and matches them to the update and delete
 * mutations of the served schema by the names the Amplify client itself uses.
 */
export function buildModelCatalog(introspection: ModelIntrospection, schema: GraphQLSchema): ModelCatalog {
  const models = new Map<string, ModelInfo>();
  const operations = new Map<string, { kind: 'update' | 'delete'; model: ModelInfo }>();
  const mutationFields = schema.getMutationType()?.getFields() ?? {};
  for (const raw of Object.values(introspection.models)) {
    const { primaryKeyFieldName, sortKeyFieldNames } = raw.primaryKeyInfo;
    const model: ModelInfo = {
      name: raw.name,
      keyFields: [primaryKeyFieldName, ...sortKeyFieldNames],
      updatedAtField: updatedAtFieldOf(raw),
      ownerFields: ownerFieldsOf(raw),
      relations: new Set(Object.values(raw.fields).flatMap((field) => (field.association ? [field.name] : []))),
    };
    models.set(model.name, model);
    for (const kind of ['update', 'delete'] as const) {
      const field = `${kind}${model.name}`;
      if (field in mutationFields) operations.set(field, { kind, model });
    }
  }
  return { models, operations };
}
