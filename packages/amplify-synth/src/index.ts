export { synthesizeBackend } from './synthesize-backend';
export type { AuthMode, SynthesizedBackend } from './read-assembly';
export type { SynthesizeOptions } from './synthesize-backend';
