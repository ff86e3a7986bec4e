import type { RenderEnvironment, TemplateContext, TemplateError } from './types';

/** What the `$util` and `$extensions` of one rendering read and record. */
export interface Invocation {
  context: TemplateContext;
  environment: RenderEnvironment;
  appendedErrors: TemplateError[];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: unknown[];
  cacheEvictions: unknown[];
}
