import type { ResourcesConfig } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';
import { localBackendEndpoints, type AmplifyOutputsLike } from './local-backend-outputs';
import { installLocalWebSocket } from './local-websocket';
import { configureWithLocalEndpoints } from './quiet-configure';

export type { AmplifyOutputsLike, LocalBackendEndpoints } from './local-backend-outputs';

/** The Amplify configuration for these outputs: unchanged for a real deployment, pointed at the local backend when its endpoints are present. */
export function toResourcesConfig(outputs: AmplifyOutputsLike): ResourcesConfig {
  const config = parseAmplifyConfig(outputs);
  const local = localBackendEndpoints(outputs);
  const cognito = config.Auth?.Cognito;
  if (!local || !cognito) return config;
  const { userPoolId, userPoolClientId, identityPoolId } = cognito;
  if (!userPoolId || !userPoolClientId || !identityPoolId) {
    throw new Error('amplify_outputs.json: the local backend needs a user pool, a client and an identity pool');
  }
  return {
    ...config,
    Auth: {
      Cognito: {
        ...cognito,
        userPoolId,
        userPoolClientId,
        identityPoolId,
        userPoolEndpoint: local.user_pool_endpoint,
        identityPoolEndpoint: local.identity_pool_endpoint,
      },
    },
  };
}

export function isLocalBackend(outputs: AmplifyOutputsLike): boolean {
  return localBackendEndpoints(outputs) !== undefined;
}

/**
 * Configures Amplify once for an app (or a test or script) from amplify_outputs.json; for the
 * local backend without Amplify's warning that custom Cognito endpoints are in use.
 */
export function configureAmplify(outputs: AmplifyOutputsLike): ResourcesConfig {
  const config = toResourcesConfig(outputs);
  const dataUrl = outputs.data?.url;
  if (isLocalBackend(outputs) && dataUrl) installLocalWebSocket(new URL(dataUrl).host);
  configureWithLocalEndpoints(config);
  return config;
}
