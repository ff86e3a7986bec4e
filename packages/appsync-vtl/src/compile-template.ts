import { extensions } from './extensions';
import type { Invocation } from './invocation';
import { parseTemplate } from './parse-template';
import { collectMacros, Renderer, type Interpolation } from './renderer';
import { keywordValues } from './rewrite-source';
import { BreakSignal, ReturnSignal, StopSignal, TemplateErrorSignal } from './signals';
import type { CompiledTemplate, RenderEnvironment, RenderResult, TemplateContext, TemplateError } from './types';
import { util } from './util/core';

function contextMap(context: TemplateContext): Record<string, unknown> {
  return {
    arguments: context.args,
    args: context.args,
    source: context.source,
    identity: context.identity,
    stash: context.stash,
    prev: context.prev,
    result: context.result ?? null,
    error: context.error ?? null,
    request: context.request,
    info: context.info,
    env: context.env ?? {},
  };
}

/**
 * A Java exception or a failing utility ends the template as AppSync ends it: with an error of
 * type MappingTemplate.
 */
function failure(error: unknown): TemplateError {
  return { message: error instanceof Error ? error.message : String(error), errorType: 'MappingTemplate' };
}

/** Parses a template once; each `render` runs it against one resolver invocation. */
export function compileTemplate(text: string, name: string): CompiledTemplate {
  const { nodes, parsedSource } = parseTemplate(text, name);
  const macros = collectMacros(nodes);
  const sourceLines = parsedSource.split('\n');
  const interpolations = new Map<string, Interpolation | null>();
  return {
    render(context: TemplateContext, environment: RenderEnvironment): RenderResult {
      const invocation: Invocation = { context, environment, appendedErrors: [], invalidations: [], cacheEvictions: [] };
      const ctx = contextMap(context);
      const vars: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      Object.assign(vars, keywordValues);
      vars['ctx'] = ctx;
      vars['context'] = ctx;
      vars['util'] = util;
      vars['utils'] = util;
      vars['extensions'] = extensions;
      const renderer = new Renderer(vars, macros, sourceLines, interpolations, invocation);
      const result: Pick<RenderResult, 'returned' | 'error'> = {};
      try {
        renderer.renderNodes(nodes);
      } catch (signal) {
        if (signal instanceof ReturnSignal) result.returned = { value: signal.value };
        else if (signal instanceof TemplateErrorSignal) result.error = signal.error;
        else if (!(signal instanceof StopSignal) && !(signal instanceof BreakSignal)) result.error = failure(signal);
      }
      return {
        output: renderer.printed,
        ...result,
        appendedErrors: invocation.appendedErrors,
        ...(invocation.subscriptionFilter === undefined ? {} : { subscriptionFilter: invocation.subscriptionFilter }),
        ...(invocation.subscriptionInvalidationFilter === undefined ? {} : { subscriptionInvalidationFilter: invocation.subscriptionInvalidationFilter }),
        invalidations: invocation.invalidations,
        cacheEvictions: invocation.cacheEvictions,
      };
    },
  };
}
