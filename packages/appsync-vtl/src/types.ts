export interface TemplateContext {
  /** `$ctx.args` / `$ctx.arguments`; templates change it in place. */
  args: Record<string, unknown>;
  source: Record<string, unknown> | null;
  identity: Record<string, unknown> | null;
  /** Shared by all templates of one resolver invocation; templates change it in place. */
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result?: unknown;
  error?: { message: string; type: string } | null;
  request: { headers: Record<string, string>; domainName: string | null };
  info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown>; selectionSetList: string[]; selectionSetGraphQL: string };
  env?: Record<string, string>;
}

export type AuthType = 'User Pool Authorization' | 'IAM Authorization' | 'API Key Authorization' | 'Lambda Authorization' | 'Open ID Connect Authorization';

export interface RenderEnvironment {
  authType: AuthType;
  /** Epoch milliseconds: `$util.time` and the time part of ULIDs/KSUIDs. */
  now(): number;
  log?(line: string): void;
}

export interface TemplateError {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

export interface RenderResult {
  /** What the template printed. */
  output: string;
  /** Set when `#return` / `#return(x)` stopped rendering (value null for a bare `#return`). */
  returned?: { value: unknown };
  /** Set when `$util.error`, `$util.unauthorized`, a failed `$util.validate` or a failing Java method stopped rendering. */
  error?: TemplateError;
  appendedErrors: TemplateError[];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: unknown[];
  cacheEvictions: unknown[];
}

export interface CompiledTemplate {
  render(context: TemplateContext, environment: RenderEnvironment): RenderResult;
}
