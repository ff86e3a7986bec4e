import path from 'node:path';

/** Names the directory the rehearsal and its `npx ampx` stand-in share. */
export const REHEARSAL_STATE_VARIABLE = 'HOSTING_REHEARSAL_STATE';

/** One pid a line: the local backends the stand-in started, for the rehearsal to stop. */
export const BACKEND_PIDS_FILE = 'backend-pids';

/** Where the backend "deployed" for an app and branch keeps its outputs, data, log and synthesized assembly. */
export function backendDir(stateDir: string, appId: string, branch: string): string {
  return path.join(stateDir, 'backends', encodeURIComponent(appId), encodeURIComponent(branch));
}
