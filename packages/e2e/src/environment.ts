import path from 'node:path';

/** Ports of the end-to-end run, apart from those `pnpm dev` uses so both can run at once. */
export const e2ePorts = {
  backend: 20102,
  control: 20103,
  teacher: 3100,
  student: 3101,
} as const;

// Inside the repository (and gitignored): Turbopack resolves the apps' outputs alias only there.
const e2eStateDir = path.resolve(import.meta.dirname, '../../../.local-backend/e2e');
export const e2eDataDir = path.join(e2eStateDir, 'data');
export const e2eOutputsPath = path.join(e2eStateDir, 'amplify_outputs.json');

export const teacherUrl = `http://127.0.0.1:${e2ePorts.teacher}`;
export const studentUrl = `http://127.0.0.1:${e2ePorts.student}`;
export const controlUrl = `http://127.0.0.1:${e2ePorts.control}`;
