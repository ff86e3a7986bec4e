/** amplify_outputs.json, aliased by nextConfig() to the file amplifyOutputsPath() names. */
declare module '@amplify-outputs' {
  import type { AmplifyOutputsLike } from '@exam-results/amplify-config';

  const outputs: AmplifyOutputsLike;
  export default outputs;
}
