import { nextConfig } from '@exam-results/web-shell/next-config';

export default nextConfig(import.meta.dirname);
