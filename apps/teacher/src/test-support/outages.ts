import type { TeacherBackend } from './teacher-backend';

/** The backend going away during a test (wifi drops, laptop sleeps) and coming back on the same port and data. */
export interface Outages {
  outage(): Promise<void>;
  serverBack(): Promise<void>;
  /** Stops the backend `serverBack` started, if it runs: `TeacherBackend.stop` stops only the first one. */
  stopRestarted(): Promise<void>;
}

export function outages(t: TeacherBackend): Outages {
  // the backend as it runs now: the first one, then each started again after an outage
  let running: { stop(): Promise<void> } | undefined = t.backend;
  return {
    async outage() {
      await running?.stop();
      running = undefined;
    },
    async serverBack() {
      running = await t.startAgain();
    },
    async stopRestarted() {
      if (running !== t.backend) await running?.stop();
    },
  };
}
