declare module '@amplify-outputs' {
  import type { AmplifyOutputsLike } from '@exam-results/amplify-config';

  const outputs: AmplifyOutputsLike;
  export default outputs;
}
