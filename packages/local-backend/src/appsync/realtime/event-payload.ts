import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** A field the subscription asks for as non-null that the mutation's answer does not hold. */
export interface NullFieldError {
  message: string;
  path: (string | number)[];
}

// Thrown up to the nearest nullable parent, as GraphQL's null propagation goes.
class NullInNonNull extends Error {}

/**
 * A subscription event as AppSync delivers it: the mutation's answer, filtered by the
 * subscription's selection set. No resolver runs on the way; what the mutation did not select
 * is null, and a non-null field left null makes its nearest nullable parent null with an error
 * "Cannot return null for non-nullable type" (what AppSync sends when a mutation selects fewer
 * fields than a subscriber asks for: amplify-category-api#1338, aws-appsync-community#127).
 */
export function eventPayload(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  data: Record<string, unknown>,
): { data: Record<string, unknown>; errors: NullFieldError[] } {
  const errors: NullFieldError[] = [];
  const operation = getOperationAST(document, operationName);
  const subscriptionType = schema.getSubscriptionType();
  if (!operation || !subscriptionType) return { data: {}, errors };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const included = (selection: SelectionNode): boolean =>
    (selection.directives ?? []).every((directive) => {
      const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
      if (!condition || (directive.name.value !== 'skip' && directive.name.value !== 'include')) return true;
      const value = Boolean(valueFromASTUntyped(condition.value, variables));
      return directive.name.value === 'include' ? value : !value;
    });

  const project = (type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, value: unknown, path: (string | number)[], parent: string): unknown => {
    const projected = projectNullable(type, selectionSet, value, path);
    if (projected === null && isNonNullType(type)) {
      const typeName = getNamedType(type).name;
      errors.push({ message: `Cannot return null for non-nullable type: '${typeName}' within parent '${parent}' (/${path.join('/')})`, path });
      throw new NullInNonNull();
    }
    return projected;
  };

  const projectNullable = (type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, value: unknown, path: (string | number)[]): unknown => {
    if (value === null || value === undefined) return null;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (!Array.isArray(value)) return null;
      try {
        return value.map((entry, index) => project(nullable.ofType, selectionSet, entry, [...path, index], getNamedType(nullable).name));
      } catch (error) {
        if (error instanceof NullInNonNull) return null;
        throw error;
      }
    }
    if (!selectionSet) return value;
    const named = getNamedType(nullable);
    const typeName = typeof (value as Record<string, unknown>)['__typename'] === 'string' ? String((value as Record<string, unknown>)['__typename']) : named.name;
    const objectType = isObjectType(named) ? named : (schema.getType(typeName) as GraphQLObjectType | undefined);
    try {
      return projectObject(objectType, typeName, selectionSet, value as Record<string, unknown>, path);
    } catch (error) {
      if (error instanceof NullInNonNull) return null;
      throw error;
    }
  };

  const projectObject = (type: GraphQLObjectType | undefined, typeName: string, selectionSet: SelectionSetNode, value: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    // Every field is projected (each null non-null field has its error), then the object goes null.
    let nulled = false;
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          const key = selection.alias?.value ?? name;
          if (name === '__typename') result[key] = typeName;
          else {
            const field = type?.getFields()[name];
            try {
              result[key] = field ? project(field.type, selection.selectionSet, value[name], [...path, key], typeName) : null;
            } catch (error) {
              if (!(error instanceof NullInNonNull)) throw error;
              nulled = true;
            }
          }
          continue;
        }
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition?.name.value;
        if (condition === undefined || condition === typeName) visit(fragment.selectionSet);
      }
    };
    visit(selectionSet);
    if (nulled) throw new NullInNonNull();
    return result;
  };

  const root = Object.fromEntries(Object.keys(subscriptionType.getFields()).map((name) => [name, data]));
  try {
    return { data: projectObject(subscriptionType, subscriptionType.name, operation.selectionSet, root, []), errors };
  } catch (error) {
    if (error instanceof NullInNonNull) return { data: {}, errors };
    throw error;
  }
}
