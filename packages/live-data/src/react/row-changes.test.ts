import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowChanges } from './row-changes';

interface Item {
  id: string;
  updatedAt: string;
}

const item = (id: string, version = 1): Item => ({ id, updatedAt: `2025-06-30T09:00:0${version}.000Z` });

function setup() {
  let now = 1_000;
  const changes = new RowChanges<Item>(() => now, 2_000);
  const marks = () => Object.fromEntries(changes.rows().map((row) => [row.item.id, row.mark ?? '-']));
  return { changes, marks, advance: (ms: number) => (now += ms) };
}

describe('RowChanges', () => {
  it('marks nothing on the first load', () => {
    const { changes, marks } = setup();
    changes.update([item('a'), item('b')], false);
    assert.deepEqual(marks(), { a: '-', b: '-' });
  });

  it('marks added, changed and removed rows, then lets the marks expire', () => {
    const { changes, marks, advance } = setup();
    changes.update([item('a'), item('b'), item('c')], false);
    changes.update([item('a', 2), item('c'), item('d')], true);
    assert.deepEqual(marks(), { a: 'changed', c: '-', d: 'added', b: 'removed' });
    assert.equal(changes.expire(), 3_000);
    advance(2_000);
    assert.equal(changes.expire(), undefined);
    assert.deepEqual(marks(), { a: '-', c: '-', d: '-' });
  });

  it('does not mark a row whose version did not change', () => {
    const { changes, marks } = setup();
    changes.update([item('a')], false);
    changes.update([item('a')], true);
    assert.deepEqual(marks(), { a: '-' });
  });

  it('shows a removed row that comes back as a row, not as removed', () => {
    const { changes, marks } = setup();
    changes.update([item('a')], false);
    changes.update([], true);
    changes.update([item('a', 2)], true);
    assert.deepEqual(marks(), { a: 'added' });
  });

  it('restarts the highlight of a row changed again', () => {
    const { changes, marks, advance } = setup();
    changes.update([item('a')], false);
    changes.update([item('a', 2)], true);
    advance(1_500);
    changes.update([item('a', 3)], true);
    advance(1_000);
    changes.expire();
    assert.deepEqual(marks(), { a: 'changed' });
  });
});
