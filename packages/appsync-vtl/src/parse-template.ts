import { parse } from 'velocityjs';
import type { Expression, Node } from './ast';
import { restoreQuotes, rewriteSource } from './rewrite-source';

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
      for (const attribute of expression.path ?? []) {
        if (attribute.type === 'method') (attribute.args || []).forEach(restoreInExpression);
        else if (attribute.type === 'index') restoreInExpression(attribute.id);
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
      if (directive.type === 'foreach') restoreInExpression(directive.from);
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

/** Parses Velocity source (AppSync's dialect) into velocityjs's syntax tree. */
export function parseTemplate(source: string, name: string): ParsedTemplate {
  const parsedSource = rewriteSource(source);
  let nodes: Node[];
  try {
    nodes = parse(parsedSource) as unknown as Node[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new VtlSyntaxError(`${name}: ${restoreQuotes(message)}`);
  }
  restoreInNodes(nodes);
  return { nodes, parsedSource };
}

/** Parses the text of a double-quoted string literal, which Velocity interpolates. */
export function parseInterpolated(text: string): Node[] {
  return parse(text) as unknown as Node[];
}
