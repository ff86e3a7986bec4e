import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isListType,
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

/**
 * A subscription event as AppSync delivers it: the mutation's answer, filtered by the
 * subscription's selection set. No resolver runs on the way; what the mutation did not select
 * is null.
 */
export function eventPayload(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, data: Record<string, unknown>): Record<string, unknown> {
  const operation = getOperationAST(document, operationName);
  const subscriptionType = schema.getSubscriptionType();
  if (!operation || !subscriptionType) return {};
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const included = (selection: SelectionNode): boolean =>
    (selection.directives ?? []).every((directive) => {
      const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
      if (!condition || (directive.name.value !== 'skip' && directive.name.value !== 'include')) return true;
      const value = Boolean(valueFromASTUntyped(condition.value, variables));
      return directive.name.value === 'include' ? value : !value;
    });

  const project = (type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    const nullable = getNullableType(type);
    if (isListType(nullable)) return Array.isArray(value) ? value.map((entry) => project(nullable.ofType, selectionSet, entry)) : null;
    if (!selectionSet) return value;
    const named = getNamedType(nullable);
    const typeName = typeof (value as Record<string, unknown>)['__typename'] === 'string' ? String((value as Record<string, unknown>)['__typename']) : named.name;
    const objectType = isObjectType(named) ? named : (schema.getType(typeName) as GraphQLObjectType | undefined);
    return projectObject(objectType, typeName, selectionSet, value as Record<string, unknown>);
  };

  const projectObject = (type: GraphQLObjectType | undefined, typeName: string, selectionSet: SelectionSetNode, value: Record<string, unknown>): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          const key = selection.alias?.value ?? name;
          if (name === '__typename') result[key] = typeName;
          else {
            const field = type?.getFields()[name];
            result[key] = field ? project(field.type, selection.selectionSet, value[name]) : null;
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
    return result;
  };

  return projectObject(subscriptionType, subscriptionType.name, operation.selectionSet, Object.fromEntries(Object.keys(subscriptionType.getFields()).map((name) => [name, data])));
}
