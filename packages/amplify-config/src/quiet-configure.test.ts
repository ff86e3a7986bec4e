import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Amplify } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';
import { configureWithLocalEndpoints } from './quiet-configure';

const cognito = { userPoolId: 'eu-west-1_abc', userPoolClientId: 'client123', identityPoolId: 'eu-west-1:0f0e0d0c-0000-4000-8000-000000000000' };

/** What console.warn printed while `run` ran. */
function warnings(run: () => void): string[] {
  const printed: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => printed.push(args.join(' '));
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return printed;
}

test('configuring the local backend’s Cognito endpoints does not warn that they are custom, and other warnings still show', () => {
  const local = { Auth: { Cognito: { ...cognito, userPoolEndpoint: 'http://127.0.0.1:20002/cognito-idp', identityPoolEndpoint: 'http://127.0.0.1:20002/cognito-identity' } } };
  assert.deepEqual(warnings(() => configureWithLocalEndpoints(local)), []);
  assert.equal(Amplify.getConfig().Auth?.Cognito.userPoolEndpoint, 'http://127.0.0.1:20002/cognito-idp');
  assert.deepEqual(
    warnings(() => new ConsoleLogger('Auth').warn('another warning')).map((line) => line.replace(/^.*Auth - /, '')),
    ['another warning'],
  );
});

test('Amplify’s own configure does warn about them: what is held back is that warning', () => {
  const local = { Auth: { Cognito: { ...cognito, userPoolEndpoint: 'http://127.0.0.1:20002/cognito-idp' } } };
  assert.match(warnings(() => Amplify.configure(local)).join('\n'), /using a custom Amazon .*Cognito User Pool endpoint/);
});
