import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isReleased, releaseState } from './release';

const at = '2027-08-20T07:00:00.000Z';
const atMs = Date.parse(at);

test('exams left live, and exams from before releases existed, are released from the start', () => {
  for (const exam of [{}, { release: null }, { release: 'live' as const, releaseAt: at }]) {
    assert.deepEqual(releaseState(exam, 0), { kind: 'live' });
    assert.equal(isReleased(exam, 0), true);
  }
});

test('a held exam is a draft without a time, scheduled before it and released from it on', () => {
  assert.deepEqual(releaseState({ release: 'held' }, atMs), { kind: 'draft' });
  assert.deepEqual(releaseState({ release: 'held', releaseAt: at }, atMs - 1), { kind: 'scheduled', at, atMs });
  assert.deepEqual(releaseState({ release: 'held', releaseAt: at }, atMs), { kind: 'released', at, atMs });
  assert.equal(isReleased({ release: 'held', releaseAt: at }, atMs - 1), false);
  assert.equal(isReleased({ release: 'held', releaseAt: at }, atMs), true);
});
