import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { secureDataDir, secureFiles } from './data-dir';

export type SqliteDatabase = Database.Database;

export const databaseFile = 'local-backend.sqlite';

/**
 * Opens the backend's SQLite database in `dataDir`. WAL lets the CLI write while
 * the server reads; synchronous=FULL acknowledges a write only once it is durable;
 * busy_timeout makes a second process wait for the write lock instead of failing.
 * The directory and its files are the user's alone (see data-dir.ts).
 */
export function openDatabase(dataDir: string, file: string = databaseFile): SqliteDatabase {
  secureDataDir(dataDir, file);
  const db = new Database(join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  secureFiles(dataDir);
  return db;
}

/** Deletes everything the backend keeps in its data directory: database and signing key. */
export function wipeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
