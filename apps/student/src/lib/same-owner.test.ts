import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameOwner } from './same-owner';

describe('sameOwner', () => {
  it('keeps a result of the exam’s own teacher', () => {
    assert.equal(sameOwner('teacher-a', { owner: 'teacher-a' }), true);
  });

  it('drops a result of another teacher, or with no owner, or when the exam’s owner is unknown', () => {
    assert.equal(sameOwner('teacher-a', { owner: 'teacher-b' }), false);
    assert.equal(sameOwner('teacher-a', { owner: null }), false);
    assert.equal(sameOwner('teacher-a', {}), false);
    assert.equal(sameOwner(undefined, { owner: undefined }), false);
    assert.equal(sameOwner(null, { owner: null }), false);
    assert.equal(sameOwner('', { owner: '' }), false);
  });
});
