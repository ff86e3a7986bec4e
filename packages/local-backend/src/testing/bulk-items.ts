import { openDatabase } from '../shared/database';
import { storageKey } from '../appsync/pipelines/item-store';

/**
 * Puts many items of one model straight into a running backend's store, in one transaction: a
 * benchmark's years of other exams' results in a second instead of one mutation each. Items are
 * stored as the generated create stores them (the model's table, keyed by `id`).
 */
export function putItems(dataDir: string, model: string, items: readonly (Record<string, unknown> & { id: string })[]): void {
  const db = openDatabase(dataDir);
  try {
    const insert = db.prepare('INSERT INTO model_items (model, key, item) VALUES (?, ?, ?) ON CONFLICT (model, key) DO UPDATE SET item = excluded.item');
    db.transaction(() => {
      for (const item of items) insert.run(model, storageKey([item.id]), JSON.stringify({ __typename: model, ...item }));
    })();
  } finally {
    db.close();
  }
}
