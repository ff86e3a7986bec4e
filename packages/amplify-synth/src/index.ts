export { synthesizeBackend } from './synthesize-backend';
export type { SynthesizedBackend } from './read-assembly';
export type { SynthesizeOptions } from './synthesize-backend';
