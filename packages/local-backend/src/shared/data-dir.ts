import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data directory holds live credential secrets, SRP verifiers and the signing key: it is
 * the user's alone (0700) and so is every file in it (0600). SQLite creates its -wal and -shm
 * files with the database file's permissions, so the database is created 0600 before SQLite
 * opens it. Files already there from an older install are corrected.
 */
export function secureDataDir(dataDir: string, databaseFile: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  closeSync(openSync(join(dataDir, databaseFile), 'a', 0o600));
  secureFiles(dataDir);
}

/** Every file directly in `dataDir` (the database's -wal and -shm once SQLite has made them), 0600. */
export function secureFiles(dataDir: string): void {
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dataDir, entry.name), 0o600);
  }
}
