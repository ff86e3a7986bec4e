import path from 'node:path';

// Added to every port, so that two checkouts on one machine can run their browser tests at once.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 20_000) throw new Error(`E2E_PORT_OFFSET must be a whole number from 0 to 20000, not ${process.env.E2E_PORT_OFFSET}`);

/** Ports of the end-to-end run, apart from those `pnpm dev` uses so both can run at once. */
export const e2ePorts = {
  backend: 20102 + offset,
  control: 20103 + offset,
  teacher: 3100 + offset,
  student: 3101 + offset,
  teacherDevServer: 3102 + offset,
} as const;

// Inside the repository (and gitignored): Turbopack resolves the apps' outputs alias only there.
const e2eStateDir = path.resolve(import.meta.dirname, '../../../.local-backend/e2e');
export const e2eDataDir = path.join(e2eStateDir, 'data');
export const e2eOutputsPath = path.join(e2eStateDir, 'amplify_outputs.json');

export const teacherUrl = `http://127.0.0.1:${e2ePorts.teacher}`;
export const studentUrl = `http://127.0.0.1:${e2ePorts.student}`;
export const controlUrl = `http://127.0.0.1:${e2ePorts.control}`;
