import { tmpdir } from 'node:os';
import path from 'node:path';

/** Ports of the end-to-end run, apart from those `pnpm dev` uses so both can run at once. */
export const e2ePorts = {
  backend: 20102,
  control: 20103,
  teacher: 3100,
  student: 3101,
} as const;

export const e2eDataDir = path.join(tmpdir(), 'exam-results-e2e', 'backend');
export const e2eOutputsPath = path.join(tmpdir(), 'exam-results-e2e', 'amplify_outputs.json');

export const teacherUrl = `http://127.0.0.1:${e2ePorts.teacher}`;
export const studentUrl = `http://127.0.0.1:${e2ePorts.student}`;
export const controlUrl = `http://127.0.0.1:${e2ePorts.control}`;
