import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the backend serving a data directory listens, and the pool it serves. */
export interface ServerRecord {
  url: string;
  userPoolId: string;
}

// `<dataDir>/server.json` tells the CLI where to call the API; it is removed when the backend
// stops, and stale after a crash, so callers must cope with nobody answering.
const fileOf = (dataDir: string) => join(dataDir, 'server.json');

export function writeServerFile(dataDir: string, record: ServerRecord): void {
  writeFileSync(fileOf(dataDir), JSON.stringify({ ...record, pid: process.pid }), { mode: 0o600 });
}

function read(dataDir: string): (ServerRecord & { pid: number }) | undefined {
  try {
    return JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as ServerRecord & { pid: number };
  } catch {
    return undefined;
  }
}

export function readServerFile(dataDir: string): ServerRecord | undefined {
  const record = read(dataDir);
  return typeof record?.url === 'string' && typeof record.userPoolId === 'string' ? { url: record.url, userPoolId: record.userPoolId } : undefined;
}

/** Removes the file if it still names this process (a newer backend may have replaced it). */
export function removeServerFile(dataDir: string): void {
  if (read(dataDir)?.pid === process.pid) rmSync(fileOf(dataDir), { force: true });
}
