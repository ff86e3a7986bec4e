import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output, render } from '../test-context';

describe('$util.transform', () => {
  it('writes a filter object as a DynamoDB filter expression, in JSON', () => {
    const json = output('$util.transform.toDynamoDBFilterExpression({"title": {"beginsWith": "Ma"}, "or": [{"points": {"gt": 3}}, {"points": {"lt": 1}}]})');
    const parsed = JSON.parse(json) as { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> };
    assert.match(parsed.expression, /^\(begins_with\(#title, :title_beginsWith_\d+\)\) AND \(\(\(#points > :points_gt_\d+\)\) OR \(\(#points < :points_lt_\d+\)\)\)$/);
    assert.deepEqual(parsed.expressionNames, { '#title': 'title', '#points': 'points' });
    assert.deepEqual(Object.values(parsed.expressionValues), [{ S: 'Ma' }, { N: '3' }, { N: '1' }]);
  });

  it('answers null for an empty condition', () => {
    assert.equal(output('$util.transform.toDynamoDBConditionExpression({})'), 'null');
  });

  it('fails the template on an operator DynamoDB filters do not have', () => {
    assert.equal(render('$util.transform.toDynamoDBFilterExpression({"a": {"like": 1}})').error?.errorType, 'MappingTemplate');
  });
});

describe('$util.transform.toSubscriptionFilter', () => {
  it('writes a filter object as enhanced filter groups that $extensions.setSubscriptionFilter takes', () => {
    const result = render('$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({"or": [{"owner": {"eq": "a"}}, {"owner": {"eq": "b"}}], "id": {"eq": "1"}}, ["id"]))');
    assert.equal(result.error, undefined);
    assert.deepEqual(result.subscriptionFilter, {
      filterGroup: [{ filters: [{ fieldName: 'owner', operator: 'eq', value: 'a' }] }, { filters: [{ fieldName: 'owner', operator: 'eq', value: 'b' }] }],
    });
  });
});

describe('$extensions', () => {
  it('records subscription filters, invalidations and cache evictions', () => {
    const result = render(
      '$extensions.setSubscriptionFilter({"filterGroup": []})$extensions.setSubscriptionInvalidationFilter({"filterGroup": [1]})$extensions.invalidateSubscriptions({"subscriptionField": "onX", "payload": {"id": "1"}})$extensions.evictFromApiCache("Query", "getExam", {"ctx.args.id": "1"})',
    );
    assert.equal(result.output, '');
    assert.deepEqual(result.subscriptionFilter, { filterGroup: [] });
    assert.deepEqual(result.subscriptionInvalidationFilter, { filterGroup: [1] });
    assert.deepEqual(result.invalidations, [{ subscriptionField: 'onX', payload: { id: '1' } }]);
    assert.deepEqual(result.cacheEvictions, [{ typeName: 'Query', fieldName: 'getExam', keys: { 'ctx.args.id': '1' } }]);
  });
});
