import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { parseAuthRules, type AuthRule } from './model-catalog';

/**
 * What the model schema (model-schema.graphql, the one `ampx` generates model_introspection
 * from) says of single fields and the introspection leaves out: field-level `@auth` rules.
 * The console reads them only to leave guarded fields out of the events its edits send.
 */
export interface FieldDirectives {
  /** Field-level rules; undefined when the model's rules alone apply. */
  authRules: AuthRule[] | undefined;
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries((directive.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value)]));
}

/** Model name → field name → its directives (only fields that carry some). */
export function readFieldDirectives(modelSchema: string): Map<string, Map<string, FieldDirectives>> {
  const models = new Map<string, Map<string, FieldDirectives>>();
  for (const definition of parse(modelSchema).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = definition as ObjectTypeDefinitionNode;
    if (!type.directives?.some((directive) => directive.name.value === 'model')) continue;
    const fields = new Map<string, FieldDirectives>();
    for (const field of type.fields ?? []) {
      const auth = field.directives?.find((directive) => directive.name.value === 'auth');
      const authRules = auth ? parseAuthRules(`${type.name.value}.${field.name.value}`, [{ type: 'auth', properties: argumentsOf(auth) }]) : undefined;
      if (authRules) fields.set(field.name.value, { authRules });
    }
    models.set(type.name.value, fields);
  }
  return models;
}
