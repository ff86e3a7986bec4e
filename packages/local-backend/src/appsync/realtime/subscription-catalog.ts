import { getNamedType, valueFromASTUntyped, type GraphQLSchema } from 'graphql';
import type { ModelInfo } from '../models/model-catalog';

/** An owner field of a model (`@auth` owner rule), as the schema declares it. */
export interface OwnerField {
  name: string;
  /** `ownersDefinedIn`: the field holds a list of owners. */
  isList: boolean;
  /** Whether the rule lets owners listen (read) to the model's events. */
  listens: boolean;
}

/** A root Subscription field and what feeds it. */
export interface SubscriptionField {
  name: string;
  /** The named type it returns, e.g. `Result`. */
  typeName: string;
  /** Whether that type is a model, whose @auth rules decide who may listen. */
  isModel: boolean;
  /** The mutations listed in its `@aws_subscribe(mutations: [...])`. */
  mutations: string[];
  ownerFields: OwnerField[];
}

export interface SubscriptionCatalog {
  fields: ReadonlyMap<string, SubscriptionField>;
  /** Mutation field → the subscription fields its results are published to. */
  byMutation: ReadonlyMap<string, readonly SubscriptionField[]>;
}

function ownerFieldsOf(model: ModelInfo | undefined): OwnerField[] {
  const fields = new Map<string, OwnerField>();
  for (const rule of model?.authRules ?? []) {
    if (rule.allow !== 'owner') continue;
    const listens = rule.provider === 'userPools' && (rule.operations.has('read') || rule.operations.has('listen'));
    const known = fields.get(rule.ownerField);
    fields.set(rule.ownerField, {
      name: rule.ownerField,
      isList: model?.isListField(rule.ownerField) === true,
      listens: listens || known?.listens === true,
    });
  }
  return [...fields.values()];
}

/**
 * Reads the Subscription type of the served schema: which mutations feed which
 * subscription field (`@aws_subscribe`), and the owner fields of the returned model.
 */
export function readSubscriptionCatalog(schema: GraphQLSchema, models: ReadonlyMap<string, ModelInfo>): SubscriptionCatalog {
  const fields = new Map<string, SubscriptionField>();
  const byMutation = new Map<string, SubscriptionField[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((candidate) => candidate.name.value === 'aws_subscribe');
    const argument = directive?.arguments?.find((candidate) => candidate.name.value === 'mutations');
    const mutations = argument ? (valueFromASTUntyped(argument.value) as string[]) : [];
    const typeName = getNamedType(field.type).name;
    const entry: SubscriptionField = {
      name: field.name,
      typeName,
      isModel: models.has(typeName),
      mutations,
      ownerFields: ownerFieldsOf(models.get(typeName)),
    };
    fields.set(field.name, entry);
    for (const mutation of mutations) byMutation.set(mutation, [...(byMutation.get(mutation) ?? []), entry]);
  }
  return { fields, byMutation };
}
