import { defineAuth } from '@aws-amplify/backend';

/**
 * Teachers sign in with their email address. Accounts are created by an
 * administrator (see backend.ts), and the identity pool hands guest
 * credentials to students, who never sign in.
 */
export const auth = defineAuth({
  loginWith: {
    email: true,
  },
});
