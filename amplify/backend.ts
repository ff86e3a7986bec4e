import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';
import { examIntegrityChecks } from './data/exam-integrity';
import { releaseGates } from './data/release-gates';
import { data } from './data/resource';
import { spliceFunctions } from './data/spliced-functions';

export const backend = defineBackend({
  auth,
  data,
});

const { cfnUserPool, cfnUserPoolClient } = backend.auth.resources.cfnResources;
const { cfnGraphqlApi, amplifyDynamoDbTables } = backend.data.resources.cfnResources;

// Teachers are provisioned by an administrator; nobody can sign themselves up.
cfnUserPool.adminCreateUserConfig = {
  allowAdminCreateUserOnly: true,
};

// Set on the CloudFormation resource because defineAuth has no password policy option;
// ampx reads this same property when it writes auth.password_policy to amplify_outputs.json.
cfnUserPool.policies = {
  passwordPolicy: {
    minimumLength: 10,
    requireLowercase: true,
    requireUppercase: true,
    requireNumbers: true,
    requireSymbols: false,
    temporaryPasswordValidityDays: 7,
  },
};

// The Authenticator signs teachers in with SRP and refreshes their tokens; no custom-auth triggers exist.
cfnUserPoolClient.explicitAuthFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
// An unknown email gets the same answer as a wrong password, so the sign-in form cannot be used to list staff.
cfnUserPoolClient.preventUserExistenceErrors = 'ENABLED';
// Hour-long tokens as Cognito's default, but a session left open on a shared staff-room computer ends within a day (Cognito's default is 30).
cfnUserPoolClient.accessTokenValidity = 60;
cfnUserPoolClient.idTokenValidity = 60;
cfnUserPoolClient.refreshTokenValidity = 1;
cfnUserPoolClient.tokenValidityUnits = { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' };
// Signing out revokes the refresh token at once instead of letting it run out.
cfnUserPoolClient.enableTokenRevocation = true;

// AppSync counts depth by field level: the apps' list queries (listX { items { field } }) are 3 deep, a relationship
// read from a list page (listX { items { results { items { field } } } }) is 5; deeper is a self-nesting abuse query.
cfnGraphqlApi.queryDepthLimit = 5;
// One list page (live-data reads 1000 items a page) with one relationship resolved per item costs 1001 resolver
// invocations; 2000 leaves room for that and stops alias floods at a fifth of AppSync's default 10,000.
cfnGraphqlApi.resolverCountLimit = 2000;
// The apps never introspect (their documents come from model_introspection in amplify_outputs.json), so guests cannot either.
cfnGraphqlApi.introspectionConfig = 'DISABLED';

// `ampx pipeline-deploy` (Amplify Hosting) deploys a 'branch' backend holding a school's accounts and grades;
// `ampx sandbox` deploys a developer's throwaway copy, which `ampx sandbox delete` must still be able to remove.
if (backend.stack.node.tryGetContext('amplify-backend-type') === 'branch') {
  // Deleting the stack, the Amplify branch or the pool by mistake must not delete every teacher's account.
  cfnUserPool.deletionProtection = 'ACTIVE';
  for (const table of Object.values(amplifyDynamoDbTables)) {
    // The same for the exams and results; a schema change that would replace a table fails instead of emptying it.
    table.deletionProtectionEnabled = true;
    // A wrong bulk import or edit can be undone by restoring the table to any second of the last 35 days.
    table.pointInTimeRecoveryEnabled = true;
  }
}

// Results stay under their owner's exams, and guests see them from the exam's release on: our functions in the
// generated resolvers (data/exam-integrity.ts, data/release-gates.ts).
spliceFunctions(backend.data, [...examIntegrityChecks, ...releaseGates]);
