import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';
import { data } from './data/resource';

// A Gen 2 backend the product does not have: a custom query and mutation on JS resolvers,
// an unbounded text, for the local backend's tests.
const backend = defineBackend({ auth, data });
backend.auth.resources.cfnResources.cfnUserPool.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
