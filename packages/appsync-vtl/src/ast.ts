/** The syntax tree velocityjs's parser produces, as far as the renderer reads it. */

export interface Position {
  first_line: number;
  first_column: number;
}

export type Attribute =
  | { type: 'property'; id: string }
  | { type: 'method'; id: string; args?: Expression[] | false }
  | { type: 'index'; id: Expression };

export interface ReferenceNode {
  type: 'references';
  id: string;
  leader: '$' | '$!';
  isWraped?: boolean;
  path?: Attribute[];
  pos?: Position;
}

export type LiteralNode =
  | { type: 'string'; value: string; isEval?: boolean }
  | { type: 'integer' | 'decimal'; value: string | number }
  | { type: 'bool'; value: 'true' | 'false' | 'null' }
  | { type: 'array'; value: Expression[]; isRange?: false }
  | { type: 'array'; value: [Expression | string | number, Expression | string | number]; isRange: true }
  | { type: 'map'; value?: Record<string, Expression> };

export interface MathNode {
  type: 'math';
  operator: string;
  expression: Expression[];
}

export type Expression = ReferenceNode | LiteralNode | MathNode;

export interface SetNode {
  type: 'set';
  equal: [ReferenceNode, Expression];
  pos?: Position;
}

export interface MacroCallNode {
  type: 'macro_call';
  id: string;
  args?: Expression[];
  pos?: Position;
}

export type Directive =
  | { type: 'if' | 'elseif'; condition: Expression; pos?: Position }
  | { type: 'else'; pos?: Position }
  | { type: 'foreach'; from: Expression; to: string; pos?: Position }
  | { type: 'macro'; id: string; args?: ReferenceNode[]; pos?: Position }
  | { type: 'define'; id: string; pos?: Position }
  | { type: 'noescape' | 'macro_body'; id?: string; args?: Expression[]; pos?: Position };

/** A block: its directive first, then its body (with `elseif`/`else` markers inside `if` blocks). */
export type Block = [Directive, ...Node[]];

export type Node =
  | string
  | ReferenceNode
  | SetNode
  | MacroCallNode
  | { type: 'break'; pos?: Position }
  | { type: 'comment'; value: string }
  | { type: 'raw'; value: string }
  | Block
  | Directive;
