import type { PipelineContext, ResolverError, TemplateAnswer, TemplateHandlers } from '@exam-results/appsync-js';
import { compileTemplate, parseMappingOutput, type AuthType, type CompiledTemplate, type TemplateContext, type TemplateError } from '@exam-results/appsync-vtl';

/** The VTL mapping templates of one resolver or pipeline function, as the assembly holds them. */
export interface MappingTemplates {
  name: string;
  request: string | undefined;
  response: string | undefined;
}

export interface TemplateEnvironment {
  now(): number;
  log(line: string): void;
}

function resolverError(error: TemplateError): ResolverError {
  return { message: error.message, errorType: error.errorType ?? null, data: error.data ?? null, errorInfo: error.errorInfo ?? null };
}

/** `#return($util.toJson(x))` hands back JSON text, which AppSync reads as the value it spells. */
function returnedValue(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Compiles the templates once and runs them as AppSync does: a request template's output is
 * the data source request (JSON), a response template's output the step's result; a missing
 * response template passes the result through.
 */
export function templateHandlers(templates: MappingTemplates, step: 'resolver' | 'function', environment: TemplateEnvironment): TemplateHandlers {
  const compile = (text: string | undefined, which: string) => (text === undefined ? undefined : compileTemplate(text, `${templates.name} (${which})`));
  const request = compile(templates.request, 'request');
  const response = compile(templates.response, 'response');

  const run = (template: CompiledTemplate | undefined, ctx: PipelineContext, authType: string, fallback: () => unknown): TemplateAnswer => {
    if (!template) return { value: fallback(), returned: false, appendedErrors: [] };
    const rendered = template.render(ctx as unknown as TemplateContext, { authType: authType as AuthType, now: environment.now, log: environment.log });
    const answer = {
      returned: false,
      appendedErrors: rendered.appendedErrors.map(resolverError),
      subscriptionFilter: rendered.subscriptionFilter,
      subscriptionInvalidationFilter: rendered.subscriptionInvalidationFilter,
      invalidations: rendered.invalidations,
    };
    if (rendered.error) return { ...answer, value: null, error: resolverError(rendered.error) };
    if (rendered.returned) return { ...answer, value: returnedValue(rendered.returned.value), returned: true };
    try {
      return { ...answer, value: parseMappingOutput(rendered.output) };
    } catch (error) {
      return { ...answer, value: null, error: { message: error instanceof Error ? error.message : String(error), errorType: 'MappingTemplate', data: null, errorInfo: null } };
    }
  };

  return {
    request: (ctx, authType) => run(request, ctx, authType, () => ({})),
    response: (ctx, authType) => run(response, ctx, authType, () => (step === 'function' ? (ctx.result ?? null) : ctx.prev.result)),
  };
}
