import { getNamedType, valueFromASTUntyped, type GraphQLSchema } from 'graphql';

/** A root Subscription field and what feeds it. */
export interface SubscriptionField {
  name: string;
  /** The named type it returns, e.g. `Result`. */
  typeName: string;
  /** The mutations listed in its `@aws_subscribe(mutations: [...])`. */
  mutations: string[];
}

export interface SubscriptionCatalog {
  fields: ReadonlyMap<string, SubscriptionField>;
  /** Mutation field → the subscription fields its results are published to. */
  byMutation: ReadonlyMap<string, readonly SubscriptionField[]>;
}

/** Reads the Subscription type of the served schema: which mutations feed which subscription field (`@aws_subscribe`). */
export function readSubscriptionCatalog(schema: GraphQLSchema): SubscriptionCatalog {
  const fields = new Map<string, SubscriptionField>();
  const byMutation = new Map<string, SubscriptionField[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((candidate) => candidate.name.value === 'aws_subscribe');
    const argument = directive?.arguments?.find((candidate) => candidate.name.value === 'mutations');
    const mutations = argument ? (valueFromASTUntyped(argument.value) as string[]) : [];
    const entry: SubscriptionField = { name: field.name, typeName: getNamedType(field.type).name, mutations };
    fields.set(field.name, entry);
    for (const mutation of mutations) byMutation.set(mutation, [...(byMutation.get(mutation) ?? []), entry]);
  }
  return { fields, byMutation };
}
