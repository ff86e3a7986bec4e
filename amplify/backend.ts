import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';
import { addExamIntegrityChecks } from './data/exam-integrity';
import { data } from './data/resource';

export const backend = defineBackend({
  auth,
  data,
});

const { cfnUserPool } = backend.auth.resources.cfnResources;

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

addExamIntegrityChecks(backend.data);
