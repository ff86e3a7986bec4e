import type { SqliteDatabase } from '../../shared/database';
import type { Item } from '../../shared/values';

export interface PageRequest {
  limit: number;
  /** Storage key of the last item of the previous page. */
  after?: string | undefined;
  descending?: boolean;
}

export interface Page {
  items: Item[];
  /** Set when the page was cut by `limit`, as DynamoDB's LastEvaluatedKey (even if nothing follows). */
  lastKey: string | undefined;
}

export interface ItemStore {
  get(model: string, key: readonly unknown[]): Item | undefined;
  /** Items in storage order, before any filter: DynamoDB Scan. */
  scan(model: string, page: PageRequest): Page;
  /** Items whose `fields` equal `values`, before any filter: DynamoDB Query on a secondary index. */
  query(model: string, fields: readonly string[], values: readonly unknown[], page: PageRequest): Page;
  /**
   * Reads the item at `key` and replaces it with the `next` that `decide` returns (null
   * deletes it), in one transaction holding the write lock; `decide` throws to write
   * nothing. Returns decide's `result` once the change is durable.
   */
  write<T>(model: string, key: readonly unknown[], decide: (current: Item | undefined) => { next: Item | null; result: T }): T;
}

/** The storage key of an item: its primary key values in key order. */
export function storageKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

const fieldName = /^[_A-Za-z][_0-9A-Za-z]*$/;

function jsonPath(field: string): string {
  if (!fieldName.test(field)) throw new Error(`not a GraphQL field name: ${field}`);
  return `'$.${field}'`;
}

const indexName = (fields: readonly string[]) => `model_items_by_${fields.join('_')}`;

interface Row {
  item: string;
  key: string;
}

function toPage(rows: Row[], limit: number): Page {
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  return { items: rows.map((row) => JSON.parse(row.item) as Item), lastKey: last?.key };
}

/**
 * Model items in SQLite, one JSON document per item, keyed by model and primary key.
 * `indexes` lists, per model, the field sets relationship fields look items up by
 * (the secondary indexes of the DynamoDB tables); each gets a SQLite index.
 */
export function createItemStore(db: SqliteDatabase, indexes: ReadonlyMap<string, string[][]>): ItemStore {
  db.exec(`CREATE TABLE IF NOT EXISTS model_items (
    model TEXT NOT NULL,
    key TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (model, key)
  ) WITHOUT ROWID`);
  const indexNames = new Set<string>();
  for (const fieldSets of indexes.values()) {
    for (const fields of fieldSets) {
      const name = indexName(fields);
      indexNames.add(name);
      const columns = fields.map((field) => `json_extract(item, ${jsonPath(field)})`).join(', ');
      db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON model_items (model, ${columns}, key)`);
    }
  }

  const getItem = db.prepare<[string, string], Row>('SELECT item, key FROM model_items WHERE model = ? AND key = ?');
  const upsert = db.prepare(
    'INSERT INTO model_items (model, key, item) VALUES (?, ?, ?) ON CONFLICT (model, key) DO UPDATE SET item = excluded.item',
  );
  const remove = db.prepare('DELETE FROM model_items WHERE model = ? AND key = ?');
  const scans = new Map<string, ReturnType<typeof db.prepare<unknown[], Row>>>();

  function prepared(sql: string) {
    let statement = scans.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], Row>(sql);
      scans.set(sql, statement);
    }
    return statement;
  }

  function pageOf(model: string, conditions: string[], values: unknown[], page: PageRequest, index?: string): Page {
    const where = ['model = ?', ...conditions];
    const parameters: unknown[] = [model, ...values];
    if (page.after !== undefined) {
      where.push(page.descending ? 'key < ?' : 'key > ?');
      parameters.push(page.after);
    }
    // Left to itself, SQLite walks the primary key for the ORDER BY and tests every item of the model.
    const indexed = index === undefined ? '' : ` INDEXED BY ${index}`;
    const sql = `SELECT item, key FROM model_items${indexed} WHERE ${where.join(' AND ')} ORDER BY key ${page.descending ? 'DESC' : 'ASC'} LIMIT ?`;
    return toPage(prepared(sql).all(...parameters, page.limit), page.limit);
  }

  return {
    get(model, key) {
      const row = getItem.get(model, storageKey(key));
      return row ? (JSON.parse(row.item) as Item) : undefined;
    },
    scan(model, page) {
      return pageOf(model, [], [], page);
    },
    query(model, fields, values, page) {
      const conditions = fields.map((field) => `json_extract(item, ${jsonPath(field)}) = ?`);
      const index = indexName(fields);
      return pageOf(model, conditions, [...values], page, indexNames.has(index) ? index : undefined);
    },
    write(model, key, decide) {
      const id = storageKey(key);
      return db
        .transaction(() => {
          const row = getItem.get(model, id);
          const { next, result } = decide(row ? (JSON.parse(row.item) as Item) : undefined);
          if (next === null) remove.run(model, id);
          else upsert.run(model, id, JSON.stringify(next));
          return result;
        })
        .immediate();
    },
  };
}
