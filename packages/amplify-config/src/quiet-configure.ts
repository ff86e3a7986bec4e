import { Amplify, type ResourcesConfig } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';

/**
 * `Amplify.configure`, without the warning Amplify's Auth category logs on every configure that
 * names custom Cognito endpoints ("You are using a custom Amazon Amazon Cognito User Pool endpoint,
 * ensure the endpoint is correct.", @aws-amplify/core singleton/Auth): the local backend's are
 * meant, and each page load of each browser printed it again in `pnpm dev`. Amplify's loggers are
 * held at ERROR only while this one configure runs, and only when it names such endpoints, so
 * every other warning (and this one for a deployment's config) still shows.
 */
export function configureWithLocalEndpoints(config: ResourcesConfig): void {
  const cognito = config.Auth?.Cognito;
  if (!cognito?.userPoolEndpoint && !cognito?.identityPoolEndpoint) {
    Amplify.configure(config);
    return;
  }
  const level = ConsoleLogger.LOG_LEVEL;
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  try {
    Amplify.configure(config);
  } finally {
    ConsoleLogger.LOG_LEVEL = level;
  }
}
