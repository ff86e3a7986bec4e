import type { GraphqlApi } from '../appsync/graphql-api';
import { createItemStore, storageKey, type ItemStore } from '../appsync/pipelines/item-store';
import { buildModelCatalog, keyOf, type ModelCatalog, type ModelInfo, type ModelIntrospection } from './model-catalog';
import { InvalidParameterException, ResourceNotFoundException } from '../shared/aws-errors';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';
import { isObject, type Item } from '../shared/values';

/** A model as the data browser shows it: its stored fields (relationships left out) and key. */
export interface ModelSummary {
  name: string;
  keyFields: string[];
  fields: { name: string; type: string; isArray: boolean; readOnly: boolean }[];
}

export interface ItemsPage {
  items: Item[];
  /** Where the next page starts, when there may be one. */
  next: string | undefined;
}

// A filtered page looks through at most this many stored items, so a rare match cannot make one request scan the whole table.
const scanBudget = 5000;

function typeName(type: unknown): string {
  if (typeof type === 'string') return type;
  if (isObject(type)) return String(type['enum'] ?? type['nonModel'] ?? type['model'] ?? 'unknown');
  return 'unknown';
}

/**
 * Browse, filter, edit and delete the items of every model of the served API, generic over
 * its model introspection. Writes go through the item store the resolvers use, and are told
 * to the subscriptions as the model's update or delete mutation would be.
 */
export function createDataBrowser(db: SqliteDatabase, clock: Clock, currentApi: () => GraphqlApi) {
  const stores = new WeakMap<GraphqlApi, ItemStore>();
  const catalogs = new WeakMap<GraphqlApi, ModelCatalog>();
  function catalogOf(api: GraphqlApi): ModelCatalog {
    let catalog = catalogs.get(api);
    if (!catalog) {
      const { modelIntrospection } = api.definition;
      catalog = buildModelCatalog(modelIntrospection as unknown as ModelIntrospection, api.schema);
      catalogs.set(api, catalog);
    }
    return catalog;
  }
  function storeOf(api: GraphqlApi): ItemStore {
    let store = stores.get(api);
    if (!store) {
      store = createItemStore(db, api.tableIndexes);
      stores.set(api, store);
    }
    return store;
  }
  function modelNamed(api: GraphqlApi, name: string): ModelInfo {
    const model = catalogOf(api).models.get(name);
    if (!model) throw new ResourceNotFoundException(`There is no model ${JSON.stringify(name)}.`);
    return model;
  }
  /**
   * Tells the subscriptions, with the item as the generated mutations answer it: owners by
   * username (what the owner field's resolver answers), other fields with resolvers of their own
   * null (the generated ones answer null in a mutation's result, so that no subscriber reads a
   * field its rules keep from them).
   */
  function publish(api: GraphqlApi, model: ModelInfo, kind: 'update' | 'delete', item: Item): void {
    const data: Item = { ...item };
    const { ownerFields } = model;
    for (const field of ownerFields) if (typeof data[field] === 'string') data[field] = String(data[field]).split('::').pop();
    for (const { typeName, fieldName } of api.definition.appSync.resolvers) {
      if (typeName === model.name && !ownerFields.has(fieldName) && !model.relations.has(fieldName)) data[fieldName] = null;
    }
    for (const [field, operation] of catalogOf(api).operations) {
      if (operation.kind === kind && operation.model === model) api.publish({ mutationField: field, data, invalidations: [] });
    }
  }
  function requireKey(model: ModelInfo, key: unknown): unknown[] {
    if (!Array.isArray(key) || key.length !== model.keyFields.length) {
      throw new InvalidParameterException(`The key of ${model.name} is [${model.keyFields.join(', ')}].`);
    }
    return key;
  }

  return {
    models(): ModelSummary[] {
      const api = currentApi();
      return Object.values((api.definition.modelIntrospection as unknown as ModelIntrospection).models).map((model) => {
        const info = modelNamed(api, model.name);
        return {
          name: model.name,
          keyFields: info.keyFields,
          fields: Object.values(model.fields)
            .filter((field) => !info.relations.has(field.name))
            .map((field) => ({ name: field.name, type: typeName(field.type), isArray: field.isArray, readOnly: field.isReadOnly === true })),
        };
      });
    },

    /** A page of `limit` items, in storage order, whose JSON contains `filter` (any case). */
    items(name: string, options: { filter: string; limit: number; after: string | undefined }): ItemsPage {
      const api = currentApi();
      const model = modelNamed(api, name);
      const needle = options.filter.toLowerCase();
      const found: Item[] = [];
      let after = options.after;
      for (let scanned = 0; found.length < options.limit && scanned < scanBudget; ) {
        const page = storeOf(api).scan(model.name, { limit: Math.min(200, scanBudget - scanned), after });
        scanned += page.items.length;
        for (const item of page.items) {
          if (found.length < options.limit && (needle === '' || JSON.stringify(item).toLowerCase().includes(needle))) found.push(item);
        }
        after = page.lastKey;
        if (after === undefined) break;
        if (found.length === options.limit) after = storageKey(keyOf(model, found[found.length - 1] ?? {}));
      }
      return { items: found, next: after };
    },

    /** Replaces the item at `key` (which must exist) by `item`, keeping its key; its updated-at field is set to now. */
    update(name: string, key: unknown, item: unknown): Item {
      const api = currentApi();
      const model = modelNamed(api, name);
      const at = requireKey(model, key);
      if (!isObject(item)) throw new InvalidParameterException('The item must be a JSON object.');
      const changedKey = model.keyFields.find((field, index) => item[field] !== at[index]);
      if (changedKey) throw new InvalidParameterException(`The key field ${changedKey} cannot be changed; delete the item and create another.`);
      const next: Item = { ...item, ...(model.updatedAtField ? { [model.updatedAtField]: clock.now().toISOString() } : {}) };
      storeOf(api).write(model.name, at, (current) => {
        if (!current) throw new ResourceNotFoundException(`No ${model.name} has the key ${JSON.stringify(at)}.`);
        return { next, result: undefined };
      });
      publish(api, model, 'update', next);
      return next;
    },

    remove(name: string, key: unknown): Item {
      const api = currentApi();
      const model = modelNamed(api, name);
      const at = requireKey(model, key);
      const removed = storeOf(api).write(model.name, at, (current) => {
        if (!current) throw new ResourceNotFoundException(`No ${model.name} has the key ${JSON.stringify(at)}.`);
        return { next: null, result: current };
      });
      publish(api, model, 'delete', removed);
      return removed;
    },
  };
}

export type DataBrowser = ReturnType<typeof createDataBrowser>;
