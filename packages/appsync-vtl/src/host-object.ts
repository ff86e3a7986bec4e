import type { Invocation } from './invocation';

/**
 * An object the engine provides to templates (`$util`, `$util.time`, `$extensions`): its
 * functions are its Java methods (arguments a call leaves out arrive as `undefined`). They are
 * built once per process; a function that reads or records per-rendering state (the clock, the
 * auth type, appended errors...) gets the rendering's {@link Invocation} as `this`.
 */
export type HostFunction = (this: Invocation, ...args: never[]) => unknown;

export class HostObject {
  private readonly table: Map<string, HostFunction | HostObject>;

  constructor(readonly members: Record<string, HostFunction | HostObject>) {
    this.table = new Map(Object.entries(members));
  }

  member(name: string): HostFunction | HostObject | undefined {
    return this.table.get(name);
  }
}
