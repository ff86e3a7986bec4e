import type { Scheduler } from '../lib/scheduler';

/** A scheduler whose time moves only when the test says so. */
export class ManualScheduler implements Scheduler {
  private nowMs = 0;
  private tasks: { at: number; task: () => void }[] = [];

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
