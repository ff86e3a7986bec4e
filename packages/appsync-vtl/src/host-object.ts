/**
 * An object the engine provides to templates (`$util`, `$util.time`, `$extensions`): its
 * functions are its Java methods (arguments a call leaves out arrive as `undefined`).
 */
export type HostFunction = (...args: never[]) => unknown;

export class HostObject {
  constructor(readonly members: Record<string, HostFunction | HostObject>) {}

  member(name: string): HostFunction | HostObject | undefined {
    return Object.hasOwn(this.members, name) ? this.members[name] : undefined;
  }
}
