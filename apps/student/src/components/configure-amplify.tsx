'use client';

import outputs from '@amplify-outputs';
import { configureAmplify } from '@exam-results/amplify-config';

// Configured when the browser first loads this module, before any page effect opens a live list.
// Not on the server: pages read nothing there, and Node 20 has no WebSocket for the local backend.
if (typeof window !== 'undefined') configureAmplify(outputs);

export function ConfigureAmplify() {
  return null;
}
