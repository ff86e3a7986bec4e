import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toSubscriptionFilter } from './subscription-filter';

describe('toSubscriptionFilter', () => {
  it('writes the fields of one object as one group of filters', () => {
    assert.deepEqual(toSubscriptionFilter({ title: { beginsWith: 'Ma', ne: 'Max' }, points: { gt: 1 } }), {
      filterGroup: [
        {
          filters: [
            { fieldName: 'title', operator: 'beginsWith', value: 'Ma' },
            { fieldName: 'title', operator: 'ne', value: 'Max' },
            { fieldName: 'points', operator: 'gt', value: 1 },
          ],
        },
      ],
    });
  });

  it('makes each alternative of an or its own group, and distributes an and over them', () => {
    const filter = { and: [{ or: [{ owner: { eq: 'a' } }, { owner: { eq: 'b' } }] }, { title: { eq: 't' } }] };
    assert.deepEqual(toSubscriptionFilter(filter), {
      filterGroup: [
        { filters: [{ fieldName: 'owner', operator: 'eq', value: 'a' }, { fieldName: 'title', operator: 'eq', value: 't' }] },
        { filters: [{ fieldName: 'owner', operator: 'eq', value: 'b' }, { fieldName: 'title', operator: 'eq', value: 't' }] },
      ],
    });
  });

  it('leaves out ignored fields and adds the rules to every group', () => {
    assert.deepEqual(toSubscriptionFilter({ id: { eq: '1' }, title: { eq: 't' } }, ['id'], { owner: { eq: 'o' } }), {
      filterGroup: [{ filters: [{ fieldName: 'title', operator: 'eq', value: 't' }, { fieldName: 'owner', operator: 'eq', value: 'o' }] }],
    });
  });

  it('answers null when nothing is left to filter on', () => {
    assert.equal(toSubscriptionFilter({}), null);
    assert.equal(toSubscriptionFilter(null), null);
  });

  it('refuses operators enhanced filters do not have', () => {
    assert.throws(() => toSubscriptionFilter({ a: { like: 'x' } }), /Unsupported subscription filter operator "like" on a/);
    assert.throws(() => toSubscriptionFilter({ not: { a: { eq: 1 } } }), /"not" is not supported/);
  });
});
