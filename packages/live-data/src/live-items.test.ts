import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiveItems } from './live-items';

interface Row {
  id: string;
  updatedAt: string;
  grade: string;
}

const at = (second: number) => new Date(Date.UTC(2025, 5, 30, 9, 0, second)).toISOString();
const row = (id: string, second: number, grade = 'A'): Row => ({ id, updatedAt: at(second), grade });
const content = (items: LiveItems<Row>) =>
  items
    .toArray()
    .map((item) => `${item.id}:${item.grade}`)
    .sort();

describe('LiveItems', () => {
  it('applies creates, updates and deletes in order', () => {
    const items = new LiveItems<Row>();
    assert.equal(items.apply({ kind: 'create', item: row('a', 1, 'B') }), true);
    assert.equal(items.apply({ kind: 'create', item: row('b', 2, 'C') }), true);
    assert.equal(items.apply({ kind: 'update', item: row('a', 3, 'A') }), true);
    assert.equal(items.apply({ kind: 'delete', item: row('b', 2, 'C') }), true);
    assert.deepEqual(content(items), ['a:A']);
  });

  it('ignores a repeated event and never holds two items with the same id', () => {
    const items = new LiveItems<Row>();
    items.apply({ kind: 'create', item: row('a', 1) });
    assert.equal(items.apply({ kind: 'create', item: row('a', 1) }), false);
    assert.equal(items.apply({ kind: 'update', item: row('a', 1) }), false);
    assert.equal(items.toArray().length, 1);
  });

  it('ignores an update older than the version held', () => {
    const items = new LiveItems<Row>();
    items.apply({ kind: 'update', item: row('a', 5, 'new') });
    assert.equal(items.apply({ kind: 'update', item: row('a', 4, 'old') }), false);
    assert.deepEqual(content(items), ['a:new']);
  });

  it('adds an item first seen through an update (its create was missed)', () => {
    const items = new LiveItems<Row>();
    assert.equal(items.apply({ kind: 'update', item: row('a', 2, 'B') }), true);
    assert.deepEqual(content(items), ['a:B']);
  });

  it('keeps a deleted item deleted when a stale update arrives after the delete', () => {
    const items = new LiveItems<Row>();
    items.apply({ kind: 'create', item: row('a', 1) });
    items.apply({ kind: 'delete', item: row('a', 3) });
    assert.equal(items.apply({ kind: 'update', item: row('a', 3) }), false);
    assert.equal(items.apply({ kind: 'update', item: row('a', 2) }), false);
    assert.deepEqual(content(items), []);
  });

  it('counts a delete of an unknown item as no change', () => {
    const items = new LiveItems<Row>();
    assert.equal(items.apply({ kind: 'delete', item: row('a', 1) }), false);
  });

  it('replaces its content with a snapshot: items missing from it are gone', () => {
    const items = new LiveItems<Row>();
    items.apply({ kind: 'create', item: row('a', 1) });
    items.apply({ kind: 'create', item: row('b', 1) });
    items.replaceWith([row('b', 2, 'C'), row('c', 2)], []);
    assert.deepEqual(content(items), ['b:C', 'c:A']);
  });

  it('says whether a snapshot changed the content: a re-list that finds what is held changes nothing', () => {
    const items = new LiveItems<Row>();
    assert.equal(items.replaceWith([row('a', 1), row('b', 1)], []), true);
    assert.equal(items.replaceWith([row('a', 1), row('b', 1)], []), false, 'the same rows, read again');
    assert.equal(items.replaceWith([row('a', 1), row('b', 2, 'B')], []), true, 'a newer version');
    assert.equal(items.replaceWith([row('a', 1)], []), true, 'one gone');
    assert.equal(items.replaceWith([row('a', 1)], [{ kind: 'create', item: row('c', 3) }]), true, 'one replayed');
  });

  it('keeps a local version newer than the listed one', () => {
    const items = new LiveItems<Row>();
    items.apply({ kind: 'update', item: row('a', 9, 'newer') });
    items.replaceWith([row('a', 5, 'listed')], []);
    assert.deepEqual(content(items), ['a:newer']);
  });

  it('replays events received while listing over the snapshot', () => {
    const items = new LiveItems<Row>();
    const replay = [
      { kind: 'create' as const, item: row('d', 7) },
      { kind: 'delete' as const, item: row('a', 7) },
      { kind: 'update' as const, item: row('b', 7, 'F') },
    ];
    items.replaceWith([row('a', 1), row('b', 1)], replay);
    assert.deepEqual(content(items), ['b:F', 'd:A']);
  });

  it('does not bring back from a snapshot an item deleted after the snapshot version', () => {
    const items = new LiveItems<Row>();
    items.apply({ kind: 'create', item: row('a', 1) });
    items.apply({ kind: 'delete', item: row('a', 1) });
    items.replaceWith([row('a', 1)], []);
    assert.deepEqual(content(items), []);
  });
});
