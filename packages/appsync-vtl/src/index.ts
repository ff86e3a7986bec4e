export { compileTemplate } from './compile-template';
export { VtlSyntaxError } from './parse-template';
export type { AuthType, CompiledTemplate, RenderEnvironment, RenderResult, TemplateContext, TemplateError } from './types';
export { parseMappingOutput } from './util/json';
