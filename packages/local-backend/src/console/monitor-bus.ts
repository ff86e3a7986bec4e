/** What a request came to, as the console's requests monitor shows it. */
export interface MonitorEvent {
  service: 'graphql' | 'subscription' | 'cognito-idp' | 'cognito-identity';
  /** `query getExam`, `InitiateAuth`, ... */
  operation: string;
  /** `guest`, `ada@school.example`, `administrator`, `anonymous`. */
  caller: string;
  /** `allowed`, `filtered`, `Unauthorized`, or the error type the request was answered with. */
  decision: string;
  /** The @auth rule (or other reason) that decided, when there is one. */
  rule?: string;
  latencyMs: number;
}

export interface MonitorEntry extends MonitorEvent {
  /** Increasing from 1, so a page can tell which entries it has seen. */
  seq: number;
  at: string;
}

/** Where the request paths publish to; the one hook each site calls. */
export interface RequestMonitor {
  publish(event: MonitorEvent): void;
}

export interface MonitorBus extends RequestMonitor {
  /** The last entries, oldest first. */
  recent(): MonitorEntry[];
  /** Calls `listener` with each new entry; returns a function that stops it. */
  subscribe(listener: (entry: MonitorEntry) => void): () => void;
}

/**
 * A ring buffer of the last `capacity` requests, with live listeners (the page's event stream).
 * `rename` turns a caller as the request named it (a user's sub) into the name a developer knows (their email).
 */
export function createMonitorBus(options: { now: () => Date; rename: (caller: string) => string; capacity?: number }): MonitorBus {
  const { now, rename, capacity = 500 } = options;
  const entries: MonitorEntry[] = [];
  const listeners = new Set<(entry: MonitorEntry) => void>();
  let seq = 0;
  return {
    publish(event) {
      seq += 1;
      const entry = { ...event, caller: rename(event.caller), latencyMs: Math.round(event.latencyMs * 10) / 10, seq, at: now().toISOString() };
      entries.push(entry);
      if (entries.length > capacity) entries.shift();
      for (const listener of listeners) listener(entry);
    },
    recent: () => [...entries],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
