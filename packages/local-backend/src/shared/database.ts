import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export type SqliteDatabase = Database.Database;

export const databaseFile = 'local-backend.sqlite';

/**
 * Opens the backend's SQLite database in `dataDir`. WAL lets the CLI write while
 * the server reads; synchronous=FULL acknowledges a write only once it is durable;
 * busy_timeout makes a second process wait for the write lock instead of failing.
 */
export function openDatabase(dataDir: string, file: string = databaseFile): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Deletes everything the backend keeps in its data directory: database and signing key. */
export function wipeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
