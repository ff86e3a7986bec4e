import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { parseAuthRules, type AuthRule } from './model-catalog';

/**
 * What the model schema (model-schema.graphql, the one `ampx` generates model_introspection
 * from) says of single fields and the introspection leaves out: field-level `@auth` rules and
 * `@validate` checks. The generated resolvers are built from exactly these.
 */
export interface FieldDirectives {
  /** Field-level rules; undefined when the model's rules alone apply. */
  authRules: AuthRule[] | undefined;
  validations: Validation[];
}

export interface Validation {
  type: 'minLength' | 'maxLength' | 'startsWith' | 'endsWith' | 'matches' | 'gt' | 'lt' | 'gte' | 'lte';
  value: string;
  errorMessage: string;
}

const validationTypes = new Set<Validation['type']>(['minLength', 'maxLength', 'startsWith', 'endsWith', 'matches', 'gt', 'lt', 'gte', 'lte']);

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
      const validations = (field.directives ?? [])
        .filter((directive) => directive.name.value === 'validate')
        .map((directive) => {
          const { type: kind, value, errorMessage } = argumentsOf(directive) as { type: Validation['type']; value: string; errorMessage?: string };
          if (!validationTypes.has(kind)) throw new Error(`${type.name.value}.${field.name.value} has a @validate of unknown type ${String(kind)}`);
          return { type: kind, value: String(value), errorMessage: errorMessage ?? `Validation failed for ${field.name.value}` };
        });
      const authRules = auth ? parseAuthRules(`${type.name.value}.${field.name.value}`, [{ type: 'auth', properties: argumentsOf(auth) }]) : undefined;
      if (authRules || validations.length > 0) fields.set(field.name.value, { authRules, validations });
    }
    models.set(type.name.value, fields);
  }
  return models;
}

/** The first failed check of a field's value, as the generated validate function reports it; undefined when it passes. */
export function validationFailure(validations: readonly Validation[], value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  for (const { type, value: bound, errorMessage } of validations) {
    const text = String(value);
    const number = Number(value);
    const passed = {
      // Java's String.length(): UTF-16 code units, as JavaScript counts them.
      minLength: () => text.length >= Number(bound),
      maxLength: () => text.length <= Number(bound),
      startsWith: () => text.startsWith(bound),
      endsWith: () => text.endsWith(bound),
      matches: () => new RegExp(`^(?:${bound})$`, 'u').test(text),
      gt: () => number > Number(bound),
      lt: () => number < Number(bound),
      gte: () => number >= Number(bound),
      lte: () => number <= Number(bound),
    }[type]();
    if (!passed) return errorMessage;
  }
  return undefined;
}
