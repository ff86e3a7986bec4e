import { compileTemplate } from './compile-template';
import type { AuthType, RenderEnvironment, RenderResult, TemplateContext } from './types';

/** 2026-01-02T03:04:05.006Z */
export const fixedNow = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

export function templateContext(overrides: Partial<TemplateContext> = {}): TemplateContext {
  return {
    args: {},
    source: null,
    identity: null,
    stash: {},
    prev: { result: null },
    request: { headers: {}, domainName: null },
    info: { fieldName: 'getExam', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    ...overrides,
  };
}

export function environment(authType: AuthType = 'User Pool Authorization', log?: (line: string) => void): RenderEnvironment {
  return { authType, now: () => fixedNow, ...(log ? { log } : {}) };
}

/** Renders `text` once with the given context and an environment whose clock is {@link fixedNow}. */
export function render(text: string, context: Partial<TemplateContext> = {}, authType?: AuthType): RenderResult {
  return compileTemplate(text, 'test.vtl').render(templateContext(context), environment(authType));
}

export function output(text: string, context: Partial<TemplateContext> = {}): string {
  const result = render(text, context);
  if (result.error) throw new Error(`the template failed: ${result.error.message}`);
  return result.output;
}
