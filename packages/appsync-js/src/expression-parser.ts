import { parseAttributeValue, type AttributeValue } from './attribute-value';
import { reservedWords } from './reserved-words';

/**
 * DynamoDB's expression language (condition, filter, key condition, update and projection
 * expressions), parsed with the request's expression attribute names and values already
 * substituted. Errors carry DynamoDB's ValidationException wording.
 */

/** An attribute path: names and list indexes, e.g. `a.b[2]` → ['a', 'b', 2]. */
export type Path = (string | number)[];

export type Operand =
  | { kind: 'path'; path: Path }
  | { kind: 'value'; value: AttributeValue }
  | { kind: 'size'; path: Path };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; comparator: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; candidates: Operand[] }
  | { kind: 'function'; name: 'attribute_exists' | 'attribute_not_exists'; path: Path }
  | { kind: 'function'; name: 'attribute_type' | 'begins_with' | 'contains'; path: Path; operand: Operand };

export type UpdateValue =
  | Operand
  | { kind: 'plus' | 'minus'; left: UpdateValue; right: UpdateValue }
  | { kind: 'if_not_exists'; path: Path; fallback: UpdateValue }
  | { kind: 'list_append'; first: UpdateValue; second: UpdateValue };

export type UpdateAction =
  | { action: 'SET'; path: Path; value: UpdateValue }
  | { action: 'REMOVE'; path: Path }
  | { action: 'ADD' | 'DELETE'; path: Path; value: AttributeValue };

export type ExpressionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

/** A request DynamoDB refuses before touching any item: `ValidationException`. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** The substitutions of one request, with what each expression used (DynamoDB refuses unused ones). */
export class Substitutions {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();

  constructor(
    readonly names: Readonly<Record<string, string>>,
    readonly values: Readonly<Record<string, unknown>>,
  ) {}

  name(placeholder: string, kind: ExpressionKind): string {
    const name = this.names[placeholder];
    if (name === undefined) {
      throw new ValidationError(`Invalid ${kind}: An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`);
    }
    this.usedNames.add(placeholder);
    return name;
  }

  value(placeholder: string, kind: ExpressionKind): AttributeValue {
    if (!Object.hasOwn(this.values, placeholder)) {
      throw new ValidationError(`Invalid ${kind}: An expression attribute value used in expression is not defined; attribute value: ${placeholder}`);
    }
    this.usedValues.add(placeholder);
    try {
      return parseAttributeValue(this.values[placeholder]);
    } catch (error) {
      throw new ValidationError(`ExpressionAttributeValues contains invalid value: ${(error as Error).message} for key ${placeholder}`);
    }
  }

  /** DynamoDB refuses names and values the request's expressions never use. */
  assertAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((name) => !this.usedNames.has(name));
    if (unusedNames.length > 0) throw new ValidationError(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = Object.keys(this.values).filter((value) => !this.usedValues.has(value));
    if (unusedValues.length > 0) throw new ValidationError(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}

interface Token {
  type: 'name' | 'placeholder' | 'value' | 'number' | 'symbol' | 'end';
  text: string;
  at: number;
}

// Deeper nesting is refused rather than risking the parser's stack (DynamoDB caps expressions at 4 KB).
const maxDepth = 100;
const maxExpressionBytes = 4096;

function tokenize(expression: string, kind: ExpressionKind): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|(<>|<=|>=|[=<>(),.[\]+-]))/y;
  let at = 0;
  while (at < expression.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(expression);
    if (!match) {
      if (expression.slice(at).trim() === '') break;
      const rest = expression.slice(at).trimStart();
      throw new ValidationError(`Invalid ${kind}: Syntax error; token: "${rest.charAt(0)}", near: "${rest.slice(0, 10)}"`);
    }
    const [whole, placeholder, value, name, number, symbol] = match;
    const start = at + whole.length - (placeholder ?? value ?? name ?? number ?? symbol ?? '').length;
    if (placeholder) tokens.push({ type: 'placeholder', text: placeholder, at: start });
    else if (value) tokens.push({ type: 'value', text: value, at: start });
    else if (name) tokens.push({ type: 'name', text: name, at: start });
    else if (number) tokens.push({ type: 'number', text: number, at: start });
    else tokens.push({ type: 'symbol', text: symbol ?? '', at: start });
    at += whole.length;
  }
  tokens.push({ type: 'end', text: '', at: expression.length });
  return tokens;
}

const updateClauses = new Set(['SET', 'REMOVE', 'ADD', 'DELETE']);
const conditionFunctions = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly kind: ExpressionKind,
    private readonly substitutions: Substitutions,
  ) {}

  private get current(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.current;
    if (token.type !== 'end') this.index++;
    return token;
  }

  private isKeyword(word: string): boolean {
    return this.current.type === 'name' && this.current.text.toUpperCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    return this.current.type === 'symbol' && this.current.text === symbol;
  }

  syntaxError(token: Token = this.current): ValidationError {
    if (token.type === 'end') return new ValidationError(`Invalid ${this.kind}: Syntax error; token: <EOF>, near: "${this.source.slice(-10)}"`);
    return new ValidationError(`Invalid ${this.kind}: Syntax error; token: "${token.text}", near: "${this.source.slice(Math.max(0, token.at - 5), token.at + token.text.length + 5)}"`);
  }

  private expectSymbol(symbol: string): void {
    if (!this.isSymbol(symbol)) throw this.syntaxError();
    this.next();
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > maxDepth) throw new ValidationError(`Invalid ${this.kind}: The expression has too many levels of nesting`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private atEnd(): boolean {
    return this.current.type === 'end';
  }

  expectEnd(): void {
    if (!this.atEnd()) throw this.syntaxError();
  }

  path(): Path {
    const path: Path = [this.pathName()];
    for (;;) {
      if (this.isSymbol('.')) {
        this.next();
        path.push(this.pathName());
      } else if (this.isSymbol('[')) {
        this.next();
        const index = this.next();
        if (index.type !== 'number') throw this.syntaxError(index);
        this.expectSymbol(']');
        path.push(Number(index.text));
      } else {
        return path;
      }
    }
  }

  private pathName(): string {
    const token = this.next();
    if (token.type === 'placeholder') return this.substitutions.name(token.text, this.kind);
    if (token.type !== 'name') throw this.syntaxError(token);
    if (reservedWords.has(token.text.toUpperCase())) {
      throw new ValidationError(`Invalid ${this.kind}: Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    }
    return token.text;
  }

  operand(): Operand {
    const token = this.current;
    if (token.type === 'value') {
      this.next();
      return { kind: 'value', value: this.substitutions.value(token.text, this.kind) };
    }
    if (token.type === 'name' && token.text === 'size' && this.tokens[this.index + 1]?.text === '(') {
      this.next();
      this.expectSymbol('(');
      const path = this.path();
      this.expectSymbol(')');
      return { kind: 'size', path };
    }
    return { kind: 'path', path: this.path() };
  }

  condition(): Condition {
    return this.nested(() => {
      let left = this.conjunction();
      while (this.isKeyword('OR')) {
        this.next();
        left = { kind: 'or', left, right: this.conjunction() };
      }
      return left;
    });
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return this.nested(() => ({ kind: 'not', operand: this.negation() }));
    }
    return this.primary();
  }

  private primary(): Condition {
    if (this.isSymbol('(')) {
      this.next();
      const inner = this.condition();
      this.expectSymbol(')');
      return inner;
    }
    const token = this.current;
    if (token.type === 'name' && conditionFunctions.has(token.text) && this.tokens[this.index + 1]?.text === '(') return this.conditionFunction();
    const operand = this.operand();
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.operand();
      if (!this.isKeyword('AND')) throw this.syntaxError();
      this.next();
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectSymbol('(');
      const candidates = [this.operand()];
      while (this.isSymbol(',')) {
        this.next();
        candidates.push(this.operand());
      }
      this.expectSymbol(')');
      if (candidates.length > 100) throw new ValidationError(`Invalid ${this.kind}: The IN operator is provided with too many operands; number of operands: ${candidates.length}`);
      return { kind: 'in', operand, candidates };
    }
    const comparator = this.current;
    if (comparator.type !== 'symbol' || !['=', '<>', '<', '<=', '>', '>='].includes(comparator.text)) throw this.syntaxError(comparator);
    this.next();
    return { kind: 'compare', comparator: comparator.text as Comparator, left: operand, right: this.operand() };
  }

  private conditionFunction(): Condition {
    const name = this.next().text as 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';
    this.expectSymbol('(');
    const path = this.path();
    if (name === 'attribute_exists' || name === 'attribute_not_exists') {
      this.expectSymbol(')');
      return { kind: 'function', name, path };
    }
    this.expectSymbol(',');
    const operand = this.operand();
    this.expectSymbol(')');
    return { kind: 'function', name, path, operand };
  }

  updateValue(): UpdateValue {
    return this.nested(() => {
      let left = this.updateTerm();
      while (this.isSymbol('+') || this.isSymbol('-')) {
        const kind = this.next().text === '+' ? 'plus' : 'minus';
        left = { kind, left, right: this.updateTerm() };
      }
      return left;
    });
  }

  private updateTerm(): UpdateValue {
    const token = this.current;
    if (token.type === 'name' && (token.text === 'if_not_exists' || token.text === 'list_append') && this.tokens[this.index + 1]?.text === '(') {
      this.next();
      this.expectSymbol('(');
      if (token.text === 'if_not_exists') {
        const path = this.path();
        this.expectSymbol(',');
        const fallback = this.updateValue();
        this.expectSymbol(')');
        return { kind: 'if_not_exists', path, fallback };
      }
      const first = this.updateValue();
      this.expectSymbol(',');
      const second = this.updateValue();
      this.expectSymbol(')');
      return { kind: 'list_append', first, second };
    }
    if (this.isSymbol('(')) {
      this.next();
      const inner = this.updateValue();
      this.expectSymbol(')');
      return inner;
    }
    return this.operand();
  }

  updateActions(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seenClauses = new Set<string>();
    while (!this.atEnd()) {
      const clause = this.current.type === 'name' ? this.current.text.toUpperCase() : '';
      if (!updateClauses.has(clause)) throw this.syntaxError();
      if (seenClauses.has(clause)) throw new ValidationError(`Invalid ${this.kind}: The "${clause}" section can only be used once in an update expression;`);
      seenClauses.add(clause);
      this.next();
      do {
        if (this.isSymbol(',')) this.next();
        const path = this.path();
        if (clause === 'SET') {
          this.expectSymbol('=');
          actions.push({ action: 'SET', path, value: this.updateValue() });
        } else if (clause === 'REMOVE') {
          actions.push({ action: 'REMOVE', path });
        } else {
          const value = this.next();
          if (value.type !== 'value') throw this.syntaxError(value);
          actions.push({ action: clause as 'ADD' | 'DELETE', path, value: this.substitutions.value(value.text, this.kind) });
        }
      } while (this.isSymbol(','));
      if (!this.atEnd() && !(this.current.type === 'name' && updateClauses.has(this.current.text.toUpperCase()))) throw this.syntaxError();
    }
    if (actions.length === 0) throw new ValidationError(`Invalid ${this.kind}: The expression can not be empty;`);
    assertNoOverlap(actions.map((action) => action.path), this.kind);
    return actions;
  }

  projection(): Path[] {
    const paths = [this.path()];
    while (this.isSymbol(',')) {
      this.next();
      paths.push(this.path());
    }
    this.expectEnd();
    return paths;
  }
}

function pathText(path: Path): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function assertNoOverlap(paths: Path[], kind: ExpressionKind): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i] as Path, paths[j] as Path];
      const shorter = Math.min(a.length, b.length);
      if (a.slice(0, shorter).every((segment, index) => segment === b[index])) {
        throw new ValidationError(`Invalid ${kind}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [${pathText(a)}], path two: [${pathText(b)}]`);
      }
    }
  }
}

function parser(expression: unknown, kind: ExpressionKind, substitutions: Substitutions): Parser {
  if (typeof expression !== 'string') throw new ValidationError(`Invalid ${kind}: The expression must be a string`);
  if (expression.trim() === '') throw new ValidationError(`Invalid ${kind}: The expression can not be empty;`);
  if (Buffer.byteLength(expression) > maxExpressionBytes) throw new ValidationError(`Invalid ${kind}: Expression size has exceeded the maximum allowed size;`);
  return new Parser(expression, tokenize(expression, kind), kind, substitutions);
}

export function parseCondition(expression: unknown, kind: 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression', substitutions: Substitutions): Condition {
  const p = parser(expression, kind, substitutions);
  const condition = p.condition();
  p.expectEnd();
  return condition;
}

export function parseUpdate(expression: unknown, substitutions: Substitutions): UpdateAction[] {
  return parser(expression, 'UpdateExpression', substitutions).updateActions();
}

export function parseProjection(expression: unknown, substitutions: Substitutions): Path[] {
  return parser(expression, 'ProjectionExpression', substitutions).projection();
}
