import assert from 'node:assert/strict';
import { test } from 'node:test';
import { add, countsFromNodeTestOutput, countsFromPlaywrightReport } from './test-counts';

test('reads the TAP summary of node:test', () => {
  const output = ['ok 1 - a', '# tests 7', '# pass 5', '# fail 1', '# cancelled 1', '# skipped 2', '# todo 0'].join('\n');
  assert.deepEqual(countsFromNodeTestOutput(output), { passed: 5, failed: 2, skipped: 2 });
});

test('reads the spec summary of node:test', () => {
  const output = ['✔ a (1ms)', 'ℹ tests 3', 'ℹ pass 3', 'ℹ fail 0', 'ℹ cancelled 0', 'ℹ skipped 0', 'ℹ todo 0'].join('\n');
  assert.deepEqual(countsFromNodeTestOutput(output), { passed: 3, failed: 0, skipped: 0 });
});

test('output without a summary gives no counts', () => {
  assert.equal(countsFromNodeTestOutput('Error: Cannot find module'), undefined);
});

test('a flaky Playwright test counts as passed, an unexpected result as failed', () => {
  const counts = countsFromPlaywrightReport({ stats: { expected: 4, unexpected: 1, flaky: 1, skipped: 0 } });
  assert.deepEqual(counts, { passed: 5, failed: 1, skipped: 0 });
  assert.deepEqual(add(counts, counts), { passed: 10, failed: 2, skipped: 0 });
});
