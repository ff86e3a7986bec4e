import { isMap, JavaException, MapEntry, putEntry } from '../java-values';

/** The plain JSON value of what a template holds, as `$util.toJson` (Jackson) writes it. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof MapEntry) return { [value.key]: toJsonValue(value.value) };
  if (isMap(value)) {
    const object: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) putEntry(object, key, toJsonValue(member));
    return object;
  }
  if (typeof value === 'object' || typeof value === 'function') return {};
  return value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}

/**
 * `$util.parseJson`. A broken document (`{`, `[1,`) fails the template; text that is no JSON
 * document at all is read as that text. The generated owner and group rules rely on it: they
 * pass claims such as `<sub>::<username>` or a plain tenant id through
 * `$util.isList($util.parseJson($claim))` to tell a list claim from a single one
 * (aws-amplify/amplify-cli#9466, aws-amplify/amplify-category-api#1345), and those rules work on
 * AppSync.
 */
export function parseJson(text: unknown): unknown {
  const source = String(text);
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    if (!/^\s*[[{"]/.test(source)) return source;
    throw new JavaException(`Unable to parse the JSON document: '${(error as Error).message}'`);
  }
}

/**
 * The JSON AppSync reads from a rendered template, failing with AppSync's MappingTemplate
 * messages: "Unable to parse the JSON document: ..." and, for text after the document,
 * "Trailing characters at the end of the JSON string are not allowed." (reported in
 * github.com/serverless-components/aws-app-sync/issues/25).
 */
export function parseMappingOutput(output: string): unknown {
  if (output.trim() === '') throw new Error("Unable to parse the JSON document: 'No content to map due to end-of-input'");
  try {
    return JSON.parse(output) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    if (/non-whitespace character after JSON/.test(message)) throw new Error('Trailing characters at the end of the JSON string are not allowed.');
    throw new Error(`Unable to parse the JSON document: '${message}'`);
  }
}
