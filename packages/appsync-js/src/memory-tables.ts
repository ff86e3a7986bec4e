import { isDeepStrictEqual } from 'node:util';
import type { DataSourceTables, TableDefinition, TableStorage } from './dynamodb-data-source';

type Row = Record<string, unknown>;

/**
 * Tables held in memory, for testing resolver code on its own; the local backend keeps its
 * tables in SQLite. A transaction is undone if its body throws.
 */
export function createMemoryTables(tables: readonly { definition: TableDefinition; dataSources: readonly string[]; items?: Row[] }[]) {
  const allRows: Map<string, Row>[] = [];
  const transaction = <T>(body: () => T): T => {
    const saved = allRows.map((rows) => new Map([...rows].map(([key, row]) => [key, structuredClone(row)])));
    try {
      return body();
    } catch (error) {
      allRows.forEach((rows, index) => {
        rows.clear();
        for (const [key, row] of saved[index] ?? []) rows.set(key, row);
      });
      throw error;
    }
  };
  const entries = tables.map(({ definition, dataSources, items = [] }) => {
    const keyFields = definition.sortKey ? [definition.partitionKey, definition.sortKey] : [definition.partitionKey];
    const keyOf = (row: Row) => JSON.stringify(keyFields.map((field) => row[field]));
    const rows = new Map(items.map((item) => [keyOf(item), structuredClone(item)]));
    allRows.push(rows);
    const storage: TableStorage = {
      get: (key) => structuredClone(rows.get(keyOf(key))),
      partition: (fields, values) => [...rows.values()].filter((row) => fields.every((field, index) => isDeepStrictEqual(row[field], values[index]))).map((row) => structuredClone(row)),
      scan(limit, afterKey) {
        const ordered = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const start = afterKey ? ordered.findIndex(([key]) => key > keyOf(afterKey)) : 0;
        return (start < 0 ? [] : ordered.slice(start, start + limit)).map(([, row]) => structuredClone(row));
      },
      write(key, decide) {
        const id = keyOf(key);
        const { next, result } = decide(structuredClone(rows.get(id)));
        if (next === null) rows.delete(id);
        else if (next !== undefined) rows.set(id, structuredClone(next));
        return result;
      },
      transaction,
    };
    return { definition, dataSources, storage, rows };
  });
  const find = (match: (entry: (typeof entries)[number]) => boolean) => {
    const entry = entries.find(match);
    return entry ? { definition: entry.definition, storage: entry.storage } : undefined;
  };
  const dataSourceTables: DataSourceTables = {
    byDataSource: (name) => find((entry) => entry.dataSources.includes(name)),
    byTableName: (name) => find((entry) => entry.definition.tableName === name),
  };
  return {
    tables: dataSourceTables,
    /** The items of a table, as stored now. */
    items: (tableName: string) => [...(entries.find((entry) => entry.definition.tableName === tableName)?.rows.values() ?? [])].map((row) => structuredClone(row)),
  };
}
