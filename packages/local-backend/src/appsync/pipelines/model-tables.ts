import type { SqliteDatabase } from '../../shared/database';
import { storageKey, type ItemStore } from './item-store';
import type { DataSourceTables, TableDefinition, TableStorage } from '@exam-results/appsync-js';

/** A table of the API: which model's items it holds, and where AppSync's data sources find it. */
export interface ModelTable {
  model: string;
  definition: TableDefinition;
  /** Names of the AppSync data sources backed by this table (e.g. `ResultTable`). */
  dataSources: readonly string[];
}

/**
 * The DynamoDB tables of the API over the item store the model resolvers use, so a JS
 * resolver and a generated resolver read and write the same items.
 */
export function createModelTables(db: SqliteDatabase, store: ItemStore, tables: readonly ModelTable[]): DataSourceTables {
  const storages = new Map<ModelTable, TableStorage>();
  for (const table of tables) {
    const { definition, model } = table;
    const fields = definition.sortKey ? [definition.partitionKey, definition.sortKey] : [definition.partitionKey];
    const keyOf = (key: Record<string, unknown>) => fields.map((field) => key[field]);
    storages.set(table, {
      get: (key) => store.get(model, keyOf(key)),
      partition: (keyFields, values) => {
        // A Query on the key of a table without a sort key finds one item at most: read it by its key.
        if (!definition.sortKey && keyFields.length === 1 && keyFields[0] === definition.partitionKey) {
          const item = store.get(model, values);
          return item ? [item] : [];
        }
        return store.query(model, keyFields, values, { limit: Number.MAX_SAFE_INTEGER }).items;
      },
      scan: (limit, afterKey) => store.scan(model, { limit, after: afterKey ? storageKey(keyOf(afterKey)) : undefined }).items,
      write: (key, decide) =>
        store.write(model, keyOf(key), (current) => {
          const { next, result } = decide(current);
          return { next: next === undefined ? (current ?? null) : next, result };
        }),
      transaction: (body) => db.transaction(body).immediate(),
    });
  }
  const find = (match: (table: ModelTable) => boolean) => {
    const table = tables.find(match);
    return table ? { definition: table.definition, storage: storages.get(table) as TableStorage } : undefined;
  };
  return {
    byDataSource: (name) => find((table) => table.dataSources.includes(name)),
    byTableName: (name) => find((table) => table.definition.tableName === name),
  };
}
