import { nextConfig } from '@exam-results/web-shell/next-config';

const shared = nextConfig(import.meta.dirname);

export default {
  ...shared,
  // amplify/data/limits.ts: the inputs use the lengths the API enforces
  transpilePackages: [...(shared.transpilePackages ?? []), '@exam-results/amplify'],
  // Where the student app is, for "Open student page", "Copy link" and the QR code; fixed at build time.
  env: { STUDENT_APP_URL: process.env.STUDENT_APP_URL ?? 'http://localhost:3001' },
};
