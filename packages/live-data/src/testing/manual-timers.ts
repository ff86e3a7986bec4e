/**
 * Timers whose time moves only when the test says so: a `Clock` for the live lists and a
 * scheduler for the apps' own timers (undo windows, highlights). Tasks due by then run.
 */
export class ManualTimers {
  private tasks: { at: number; task: () => void }[] = [];

  constructor(private nowMs = 0) {}

  now(): number {
    return this.nowMs;
  }

  after(ms: number, task: () => void): () => void {
    const entry = { at: this.nowMs + ms, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((other) => other !== entry);
    };
  }

  advance(ms: number): void {
    this.nowMs += ms;
    const due = this.tasks.filter((entry) => entry.at <= this.nowMs);
    this.tasks = this.tasks.filter((entry) => entry.at > this.nowMs);
    for (const { task } of due) task();
  }
}
