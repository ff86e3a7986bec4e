import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedRead } from './shared-read';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

test('requests that arrive while a read is under way share it; one after it gets a read of its own', async () => {
  let reads = 0;
  const first = deferred<string>();
  const read = () => {
    reads += 1;
    return reads === 1 ? first.promise : Promise.resolve('second read');
  };
  const a = sharedRead('exam:1', read);
  const b = sharedRead('exam:1', read);
  assert.equal(reads, 1);
  first.resolve('first read');
  assert.deepEqual(await Promise.all([a, b]), ['first read', 'first read']);
  assert.equal(await sharedRead('exam:1', read), 'second read', 'nothing is kept once a read has answered');
  assert.equal(reads, 2);
});

test('other keys read on their own, and a failed read is not kept either', async () => {
  const failing = deferred<string>();
  const a = sharedRead('exam:2', () => failing.promise);
  const other = sharedRead('exam:3', () => Promise.resolve('exam 3'));
  failing.reject(new Error('backend down'));
  await assert.rejects(a, /backend down/);
  assert.equal(await other, 'exam 3');
  assert.equal(await sharedRead('exam:2', () => Promise.resolve('recovered')), 'recovered');
});
