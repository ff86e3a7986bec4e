import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `<dataDir>/server.json` says where the backend serving this data directory listens, so the
// CLI can call its API; it is gone once the backend stops (or stale after a crash: callers
// must cope with nobody answering).
const fileOf = (dataDir: string) => join(dataDir, 'server.json');

export function writeServerFile(dataDir: string, url: string): void {
  writeFileSync(fileOf(dataDir), JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
}

export function readServerUrl(dataDir: string): string | undefined {
  try {
    const { url } = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as { url?: unknown };
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the file if it still names this process (a newer backend may have replaced it). */
export function removeServerFile(dataDir: string): void {
  try {
    const { pid } = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as { pid?: unknown };
    if (pid === process.pid) rmSync(fileOf(dataDir));
  } catch {
    // already gone
  }
}
