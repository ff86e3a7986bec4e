/**
 * The local backend writes its endpoints under `custom.local_backend` in
 * amplify_outputs.json: the outputs schema has no field for custom Cognito
 * endpoints, and `parseAmplifyConfig` drops unknown auth keys.
 */
export interface LocalBackendEndpoints {
  user_pool_endpoint: string;
  identity_pool_endpoint: string;
}

export interface AmplifyOutputsLike {
  data?: { url?: string };
  custom?: { local_backend?: LocalBackendEndpoints };
  [key: string]: unknown;
}

export function localBackendEndpoints(outputs: AmplifyOutputsLike): LocalBackendEndpoints | undefined {
  const local = outputs.custom?.local_backend;
  if (!local) return undefined;
  if (typeof local.user_pool_endpoint !== 'string' || typeof local.identity_pool_endpoint !== 'string') {
    throw new Error('amplify_outputs.json: custom.local_backend needs user_pool_endpoint and identity_pool_endpoint');
  }
  return local;
}
