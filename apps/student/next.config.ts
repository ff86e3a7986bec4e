import { nextConfig } from '@exam-results/web-shell/next-config';

const base = nextConfig(import.meta.dirname);

export default {
  ...base,
  // The student app reads through appsync-guest (TypeScript source) instead of aws-amplify.
  transpilePackages: [...(base.transpilePackages ?? []), '@exam-results/appsync-guest'],
};
