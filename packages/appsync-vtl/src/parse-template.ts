import { parse } from 'velocityjs';
import type { Expression, Node } from './ast';
import { restoreName, restoreQuotes, restoreSource, rewriteSource } from './rewrite-source';

/** A template that does not parse; the message names the template and the line. */
export class VtlSyntaxError extends Error {
  override readonly name = 'VtlSyntaxError';
}

function restoreInExpression(expression: Expression | string | number | false | undefined): void {
  if (typeof expression !== 'object' || expression === null) return;
  switch (expression.type) {
    case 'string':
      expression.value = restoreQuotes(expression.value);
      return;
    case 'array':
      expression.value.forEach(restoreInExpression);
      return;
    case 'map':
      Object.values(expression.value ?? {}).forEach(restoreInExpression);
      return;
    case 'math':
      expression.expression.forEach(restoreInExpression);
      return;
    case 'references':
      expression.id = restoreName(expression.id);
      for (const attribute of expression.path ?? []) {
        if (attribute.type === 'index') {
          restoreInExpression(attribute.id);
          continue;
        }
        attribute.id = restoreName(attribute.id);
        if (attribute.type === 'method') (attribute.args || []).forEach(restoreInExpression);
      }
      return;
    default:
      return;
  }
}

function restoreInNodes(nodes: Node[]): void {
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    if (Array.isArray(node)) {
      const [directive, ...body] = node;
      if ('condition' in directive) restoreInExpression(directive.condition);
      if (directive.type === 'foreach') {
        restoreInExpression(directive.from);
        directive.to = restoreName(directive.to);
      }
      if (directive.type === 'macro') (directive.args ?? []).forEach(restoreInExpression);
      if (directive.type === 'noescape' || directive.type === 'macro_body') (directive.args ?? []).forEach(restoreInExpression);
      restoreInNodes(body);
    } else if (node.type === 'references') {
      restoreInExpression(node);
    } else if (node.type === 'set') {
      node.equal.forEach(restoreInExpression);
    } else if (node.type === 'macro_call') {
      (node.args ?? []).forEach(restoreInExpression);
    }
  }
}

export interface ParsedTemplate {
  nodes: Node[];
  /** The source velocityjs parsed (see rewriteSource): its positions are the nodes' positions. */
  parsedSource: string;
}

function parseRewritten(source: string): ParsedTemplate {
  const parsedSource = rewriteSource(source);
  const nodes = parse(parsedSource) as unknown as Node[];
  restoreInNodes(nodes);
  return { nodes, parsedSource };
}

/** Parses Velocity source (AppSync's dialect) into velocityjs's syntax tree. */
export function parseTemplate(source: string, name: string): ParsedTemplate {
  try {
    return parseRewritten(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new VtlSyntaxError(`${name}: ${restoreSource(message)}`);
  }
}

/**
 * Parses the text of a double-quoted string literal, which Velocity interpolates with the same
 * grammar as a template (so the same rewrite); throws if it does not parse.
 */
export function parseInterpolated(text: string): ParsedTemplate {
  return parseRewritten(text);
}
