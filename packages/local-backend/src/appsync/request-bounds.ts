import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * How much a request may hold before it is refused unread. AppSync parses with graphql-java,
 * whose parser stops at 15,000 tokens and 500 levels of nesting, and reads the body with
 * Jackson, which stops at 1,000 levels of JSON nesting. Past these it answers 400 "Unable to
 * parse GraphQL query.": here they also keep the recursive parser, validator and variable
 * coercion of graphql-js far from the engine's stack limit.
 */
export const requestBounds = { maxTokens: 15_000, maxNesting: 500, maxJsonNesting: 1_000 } as const;

const opening = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Whether the query has more tokens or deeper nesting than the bounds; a syntax error is left to the parser. */
function queryOutOfBounds(query: string): boolean {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > requestBounds.maxTokens) return true;
      if (opening.has(token.kind)) {
        depth += 1;
        if (depth > requestBounds.maxNesting) return true;
      } else if (closing.has(token.kind)) depth -= 1;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return false;
    throw error;
  }
  return false;
}

/** Whether a parsed JSON value nests deeper than the bound, measured without recursion. */
function jsonOutOfBounds(value: unknown): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [member, depth] = next;
    if (typeof member !== 'object' || member === null) continue;
    if (depth > requestBounds.maxJsonNesting) return true;
    for (const child of Object.values(member)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Whether a request is past what AppSync reads at all: see requestBounds. */
export function outOfBounds(json: unknown, query: string): boolean {
  return jsonOutOfBounds(json) || queryOutOfBounds(query);
}
