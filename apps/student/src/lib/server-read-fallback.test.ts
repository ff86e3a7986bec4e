import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orUndefined } from './server-read-fallback';

test('the server read, or undefined when it fails or takes too long, so the page is sent anyway', async () => {
  assert.equal(await orUndefined(Promise.resolve('read'), 1000), 'read');
  assert.equal(await orUndefined(Promise.reject(new Error('backend down')), 1000), undefined);
  const started = Date.now();
  assert.equal(await orUndefined(new Promise(() => undefined), 50), undefined, 'a backend that hangs');
  assert.ok(Date.now() - started < 1000);
});
