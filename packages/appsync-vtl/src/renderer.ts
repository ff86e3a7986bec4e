import { Helper } from 'velocityjs';
import type { Attribute, Block, Expression, MacroCallNode, Node, ReferenceNode, SetNode } from './ast';
import { HostObject } from './host-object';
import type { Invocation } from './invocation';
import { callJavaMethod, getJavaProperty } from './java-methods';
import { ForeachScope, isMap, isTruthy, JavaException, javaToString, MapEntry, putEntry, velocityEquals } from './java-values';
import { parseInterpolated, type ParsedTemplate } from './parse-template';
import { restoreSource } from './rewrite-source';
import { BreakSignal, ReturnSignal, StopSignal } from './signals';

/** A parsed double-quoted string: its nodes' positions are in its own (rewritten) lines. */
export interface Interpolation {
  nodes: Node[];
  sourceLines: readonly string[];
}

export interface Macro {
  params: string[];
  body: Node[];
}

// Velocity's velocimacro.max.depth.
const maxMacroDepth = 20;

/**
 * Evaluates velocityjs's syntax tree with Velocity 1.7's semantics, the version AppSync runs:
 * Java values and methods, unresolved references printed as written, `#set` of null leaving
 * the variable unchanged (directive.set.null.allowed=false), `$velocityCount`.
 */
export class Renderer {
  private output: string[] = [];
  private macroDepth = 0;

  constructor(
    private readonly vars: Record<string, unknown>,
    private readonly macros: Map<string, Macro>,
    /** The lines of the source the nodes being rendered were parsed from (a reference printed as written is cut from them). */
    private sourceLines: readonly string[],
    /** Parsed double-quoted strings, kept with the compiled template (null: not parseable, printed as is). */
    private readonly interpolations: Map<string, Interpolation | null>,
    /** What `$util` and `$extensions` functions read and record (passed to them as `this`). */
    private readonly invocation: Invocation,
  ) {}

  get printed(): string {
    return this.output.join('');
  }

  renderNodes(nodes: readonly Node[]): void {
    for (let i = 0; i < nodes.length; i++) this.renderNode(nodes[i] as Node);
  }

  private renderNode(node: Node): void {
    if (typeof node === 'string') {
      this.output.push(node);
      return;
    }
    if (Array.isArray(node)) {
      this.renderBlock(node as Block);
      return;
    }
    switch (node.type) {
      case 'references':
        this.output.push(this.printReference(node));
        return;
      case 'set':
        this.set(node);
        return;
      case 'break':
        throw new BreakSignal();
      case 'macro_call':
        this.callMacro(node);
        return;
      case 'raw':
        this.output.push(node.value);
        return;
      default:
        return;
    }
  }

  private renderBlock(block: Block): void {
    const directive = block[0];
    switch (directive.type) {
      case 'if':
        this.renderIf(block);
        return;
      case 'foreach':
        this.renderForeach(directive.to, this.evaluate(directive.from), blockBody(block));
        return;
      case 'macro':
      case 'define':
        return;
      default:
        this.renderNodes(blockBody(block));
    }
  }

  private renderIf(block: Block): void {
    for (const branch of ifBranches(block)) {
      if (branch.condition === null || isTruthy(this.evaluate(branch.condition))) {
        this.renderNodes(branch.body);
        return;
      }
    }
  }

  private renderForeach(name: string, collection: unknown, body: Node[]): void {
    let items: unknown[];
    if (Array.isArray(collection)) items = [...collection];
    else if (isMap(collection)) items = Object.values(collection).filter((value) => value !== undefined);
    else return;
    const saved = ['foreach', 'velocityCount', 'velocityHasNext', name].map((key) => [key, this.vars[key]] as const);
    const parent = this.vars['foreach'] instanceof ForeachScope ? this.vars['foreach'] : null;
    try {
      for (const [index, item] of items.entries()) {
        const hasNext = index + 1 < items.length;
        this.vars[name] = item;
        this.vars['velocityCount'] = index + 1;
        this.vars['velocityHasNext'] = hasNext;
        this.vars['foreach'] = new ForeachScope(index, items.length, parent);
        try {
          this.renderNodes(body);
        } catch (signal) {
          if (signal instanceof BreakSignal) break;
          throw signal;
        }
      }
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) Reflect.deleteProperty(this.vars, key);
        else this.vars[key] = value;
      }
    }
  }

  private callMacro(node: MacroCallNode): void {
    const args = (node.args ?? []).map((arg) => this.argument(arg));
    if (node.id === 'return') throw new ReturnSignal(args[0] ?? null);
    if (node.id === 'stop') throw new StopSignal();
    const macro = this.macros.get(node.id);
    if (!macro) {
      this.output.push(Helper.getRefText(node as never));
      return;
    }
    if (this.macroDepth >= maxMacroDepth) throw new JavaException(`Max calling depth of ${maxMacroDepth} was exceeded in macro '${node.id}'`);
    const saved = macro.params.map((param) => [param, this.vars[param]] as const);
    macro.params.forEach((param, i) => {
      this.vars[param] = args[i] ?? null;
    });
    this.macroDepth++;
    try {
      this.renderNodes(macro.body);
    } finally {
      this.macroDepth--;
      for (const [key, value] of saved) {
        if (value === undefined) Reflect.deleteProperty(this.vars, key);
        else this.vars[key] = value;
      }
    }
  }

  private set(node: SetNode): void {
    const [target, expression] = node.equal;
    const value = this.evaluate(expression);
    if (value === undefined || value === null) return;
    const path = target.path ?? [];
    const last = path[path.length - 1];
    if (!last) {
      this.vars[target.id] = value;
      return;
    }
    const owner = this.evaluatePath(target, path.length - 1);
    if (owner === undefined || owner === null) return;
    if (last.type === 'index') {
      const key = this.evaluate(last.id);
      if (Array.isArray(owner)) callJavaMethod(owner, 'set', [key, value]);
      else if (isMap(owner)) putEntry(owner, javaToString(key), value);
    } else if (last.type === 'property') {
      if (isMap(owner)) putEntry(owner, last.id, value);
      else if (owner instanceof MapEntry && last.id === 'value') owner.value = value;
      else callJavaMethod(owner, `set${last.id.charAt(0).toUpperCase()}${last.id.slice(1)}`, [value]);
    }
  }

  private referenceText(node: ReferenceNode): string {
    const pos = node.pos as { first_line: number; first_column: number; last_line?: number; last_column?: number } | undefined;
    if (pos && pos.last_line === pos.first_line && pos.last_column !== undefined) {
      const line = this.sourceLines[pos.first_line - 1];
      if (line !== undefined) return restoreSource(line.slice(pos.first_column, pos.last_column));
    }
    return Helper.getRefText(node as never);
  }

  private printReference(node: ReferenceNode): string {
    const value = this.evaluateReference(node);
    if (value === undefined || value === null) return node.leader === '$!' ? '' : this.referenceText(node);
    return javaToString(value);
  }

  /** A reference's value; `undefined` when Velocity cannot resolve it. */
  evaluateReference(node: ReferenceNode): unknown {
    return this.evaluatePath(node, node.path ? node.path.length : 0);
  }

  /** The value of the reference with only the first `count` attributes of its path. */
  private evaluatePath(node: ReferenceNode, count: number): unknown {
    // vars has no prototype: a missing name reads as undefined.
    let value: unknown = this.vars[node.id];
    const path = node.path;
    for (let i = 0; i < count; i++) {
      if (value === undefined || value === null) return undefined;
      value = this.attribute(value, (path as Attribute[])[i] as Attribute);
    }
    return value;
  }

  private attribute(target: unknown, attribute: Attribute): unknown {
    switch (attribute.type) {
      case 'property':
        if (target instanceof HostObject) {
          const member = target.member(attribute.id);
          return member instanceof HostObject ? member : undefined;
        }
        return getJavaProperty(target, attribute.id);
      case 'index':
        return this.index(target, this.evaluate(attribute.id));
      case 'method': {
        const argNodes = attribute.args || [];
        const args: unknown[] = new Array(argNodes.length);
        for (let i = 0; i < argNodes.length; i++) args[i] = this.argument(argNodes[i] as Expression);
        if (target instanceof HostObject) {
          const member = target.member(attribute.id);
          if (typeof member !== 'function') return undefined;
          return member.apply(this.invocation, args as never[]);
        }
        return callJavaMethod(target, attribute.id, args);
      }
    }
  }

  private index(target: unknown, key: unknown): unknown {
    if (Array.isArray(target)) {
      if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
      const index = key < 0 ? target.length + key : key;
      if (index < 0 || index >= target.length) throw new JavaException(`java.lang.IndexOutOfBoundsException: Index ${key} out of bounds for length ${target.length}`);
      return target[index];
    }
    if (isMap(target)) return callJavaMethod(target, 'get', [key]);
    return undefined;
  }

  private argument(expression: Expression): unknown {
    const value = this.evaluate(expression);
    return value === undefined ? null : value;
  }

  evaluate(expression: Expression): unknown {
    switch (expression.type) {
      case 'references':
        return this.evaluateReference(expression);
      case 'string':
        return expression.isEval && /[$#]/.test(expression.value) ? this.interpolate(expression.value) : expression.value;
      case 'integer':
      case 'decimal':
        return Number(expression.value);
      case 'bool':
        return expression.value === 'null' ? null : expression.value === 'true';
      case 'array':
        if (expression.isRange) return this.range(expression.value[0], expression.value[1]);
        return expression.value.map((entry) => this.argument(entry));
      case 'map': {
        const map: Record<string, unknown> = {};
        // velocityjs keeps a key's text only; a key with a reference in it was a double-quoted one.
        for (const [key, entry] of Object.entries(expression.value ?? {})) putEntry(map, /[$#]/.test(key) ? this.interpolate(key) : key, this.argument(entry));
        return map;
      }
      case 'math':
        return this.operate(expression.operator, expression.expression);
    }
  }

  private range(from: Expression | string | number, to: Expression | string | number): unknown {
    const bound = (end: Expression | string | number) => (typeof end === 'object' ? this.evaluate(end) : Number(end));
    const start = bound(from);
    const end = bound(to);
    if (typeof start !== 'number' || typeof end !== 'number') return null;
    const step = start <= end ? 1 : -1;
    const values: number[] = [];
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) values.push(i);
    return values;
  }

  private interpolate(text: string): string {
    let interpolation = this.interpolations.get(text);
    if (interpolation === undefined) {
      let parsed: ParsedTemplate | null = null;
      try {
        parsed = parseInterpolated(text);
      } catch {
        // Not parseable: printed as it is.
      }
      interpolation = parsed && { nodes: parsed.nodes, sourceLines: parsed.parsedSource.split('\n') };
      this.interpolations.set(text, interpolation);
    }
    if (interpolation === null) return text;
    const outer = this.output;
    const outerLines = this.sourceLines;
    this.output = [];
    this.sourceLines = interpolation.sourceLines;
    try {
      this.renderNodes(interpolation.nodes);
      return this.output.join('');
    } finally {
      this.output = outer;
      this.sourceLines = outerLines;
    }
  }

  private operate(operator: string, operands: Expression[]): unknown {
    const [left, right] = operands as [Expression, Expression];
    switch (operator) {
      case '&&':
        return isTruthy(this.evaluate(left)) && isTruthy(this.evaluate(right));
      case '||':
        return isTruthy(this.evaluate(left)) || isTruthy(this.evaluate(right));
      case 'not':
        return !isTruthy(this.evaluate(left));
      case 'parenthesis':
        return this.evaluate(left);
      case 'minus': {
        const value = this.evaluate(left);
        return typeof value === 'number' ? -value : null;
      }
      case '==':
        return velocityEquals(this.evaluate(left), this.evaluate(right));
      case '!=':
        return !velocityEquals(this.evaluate(left), this.evaluate(right));
      default:
        return this.arithmetic(operator, left, right);
    }
  }

  private arithmetic(operator: string, leftNode: Expression, rightNode: Expression): unknown {
    const left = this.evaluate(leftNode);
    const right = this.evaluate(rightNode);
    if (operator === '+' && (typeof left === 'string' || typeof right === 'string')) {
      // Velocity 1.7 concatenates, writing a null side as its reference text.
      const side = (value: unknown, node: Expression) =>
        value === undefined || value === null ? (node.type === 'references' ? this.referenceText(node) : 'null') : javaToString(value);
      return side(left, leftNode) + side(right, rightNode);
    }
    if (typeof left !== 'number' || typeof right !== 'number') {
      if (['<', '>', '<=', '>='].includes(operator)) return false;
      return null;
    }
    const integers = Number.isInteger(left) && Number.isInteger(right);
    switch (operator) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      case '/':
        if (right === 0) return null;
        return integers ? Math.trunc(left / right) : left / right;
      case '%':
        if (right === 0) return null;
        return left % right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '<=':
        return left <= right;
      case '>=':
        return left >= right;
      default:
        return null;
    }
  }
}

interface IfBranch {
  /** null: `#else`. */
  condition: Expression | null;
  body: Node[];
}

// What a block's nodes mean, worked out on its first rendering (the syntax tree never changes).
const bodies = new WeakMap<Block, Node[]>();
const branches = new WeakMap<Block, IfBranch[]>();

/** A block's nodes after its directive. */
function blockBody(block: Block): Node[] {
  let body = bodies.get(block);
  if (!body) {
    body = block.slice(1) as Node[];
    bodies.set(block, body);
  }
  return body;
}

/** An `#if` block's `#if`, `#elseif` and `#else` branches in order. */
function ifBranches(block: Block): IfBranch[] {
  let list = branches.get(block);
  if (list) return list;
  list = [];
  let current: IfBranch | undefined;
  for (const node of block) {
    if (!Array.isArray(node) && typeof node === 'object' && (node.type === 'if' || node.type === 'elseif' || node.type === 'else')) {
      current = { condition: node.type === 'else' ? null : (node as { condition: Expression }).condition, body: [] };
      list.push(current);
      continue;
    }
    current?.body.push(node);
  }
  branches.set(block, list);
  return list;
}

/** Velocity registers macros when it parses a template, so a call may come before the definition. */
export function collectMacros(nodes: readonly Node[], macros = new Map<string, Macro>()): Map<string, Macro> {
  for (const node of nodes) {
    if (!Array.isArray(node)) continue;
    const [directive, ...body] = node as Block;
    if (directive.type === 'macro') macros.set(directive.id, { params: (directive.args ?? []).map((arg) => arg.id), body });
    collectMacros(body, macros);
  }
  return macros;
}
