import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { databaseFile, openDatabase, type SqliteDatabase } from '../shared/database';
import { isObject } from '../shared/values';

// A snapshot is a directory: `schema.sql` (the CREATE statements of the database) and one
// `<table>.jsonl` per table, a row per line with its columns by name. A column holding a JSON
// document (a model item, a user's attributes) is written as that document, so the files read
// and diff as data. The signing key and the administrator's credentials are not in it: an
// import keeps the target's own (tokens signed before do not carry over; refresh tokens do).

type Row = Record<string, unknown>;

const schemaFile = 'schema.sql';

function tables(db: SqliteDatabase): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
}

/** A JSON document stored as text, when writing it back gives the very same text. */
function asDocument(value: string): unknown {
  if (!value.startsWith('{') && !value.startsWith('[')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return JSON.stringify(parsed) === value ? parsed : value;
  } catch {
    return value;
  }
}

function exportRow(table: string, row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if (Buffer.isBuffer(value)) throw new Error(`snapshot: ${table}.${column} holds binary data, which snapshots do not carry`);
      return [column, typeof value === 'string' ? asDocument(value) : value];
    }),
  );
}

function importValue(value: unknown): unknown {
  return isObject(value) || Array.isArray(value) ? JSON.stringify(value) : value;
}

/** Writes the data directory's database to `dir` (replaced as a whole), consistent as of one moment; the backend may be running. */
export function exportSnapshot(dataDir: string, dir: string): { tables: number; rows: number } {
  const db = openDatabase(dataDir);
  const staging = join(dirname(dir), `.${basename(dir)}.exporting-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let rows = 0;
  try {
    const found = db.transaction(() => {
      const all = tables(db);
      const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { sql: string }[];
      writeFileSync(join(staging, schemaFile), [...all, ...indexes].map(({ sql }) => `${sql};\n`).join(''));
      for (const { name } of all) {
        const lines = (db.prepare(`SELECT * FROM "${name}"`).all() as Row[]).map((row) => JSON.stringify(exportRow(name, row)));
        rows += lines.length;
        writeFileSync(join(staging, `${name}.jsonl`), lines.map((line) => `${line}\n`).join(''));
      }
      return all.length;
    })();
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return { tables: found, rows };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    db.close();
  }
}

/**
 * Replaces the data directory's database with the snapshot in `dir`; the backend must not be
 * running on it. The new database is built beside the old one, which stays untouched if the
 * snapshot is refused.
 */
export function importSnapshot(dir: string, dataDir: string): { tables: number; rows: number } {
  const schema = readFileSync(join(dir, schemaFile), 'utf8');
  const files = readdirSync(dir).filter((file) => file.endsWith('.jsonl'));
  const building = `${databaseFile}.importing`;
  rmSync(join(dataDir, building), { force: true });
  const db = openDatabase(dataDir, building);
  let rows = 0;
  try {
    db.exec(schema);
    const known = new Map(
      tables(db).map(({ name }) => [name, new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map((column) => column.name))]),
    );
    db.transaction(() => {
      // Rows refer to each other (sessions to users): checked at commit, whatever the file order.
      db.pragma('defer_foreign_keys = ON');
      for (const file of files) {
        const table = file.slice(0, -'.jsonl'.length);
        const columns = known.get(table);
        if (!columns) throw new Error(`snapshot: ${file} is not a table of ${schemaFile}`);
        const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter((line) => line.trim() !== '');
        for (const [index, line] of lines.entries()) {
          const where = `${file} line ${index + 1}`;
          const row = parseLine(line, where);
          const unknown = Object.keys(row).find((column) => !columns.has(column));
          if (unknown !== undefined) throw new Error(`snapshot: ${where}: ${table} has no column ${unknown}`);
          insertRow(db, table, row);
          rows += 1;
        }
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    db.close();
    removeDatabase(dataDir, building);
    throw error;
  }
  db.close();
  removeDatabase(dataDir, databaseFile);
  renameSync(join(dataDir, building), join(dataDir, databaseFile));
  removeDatabase(dataDir, building);
  return { tables: files.length, rows };
}

function parseLine(line: string, where: string): Row {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    throw new Error(`snapshot: ${where} is not JSON`);
  }
  if (!isObject(row)) throw new Error(`snapshot: ${where} is not a JSON object`);
  return row;
}

function insertRow(db: SqliteDatabase, table: string, row: Row): void {
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
    ...columns.map((column) => importValue(row[column])),
  );
}

/** A database file and its WAL companions. */
function removeDatabase(dataDir: string, file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${file}${suffix}`), { force: true });
}
