import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeVersionNote } from './node-version';

test('an older Node than package.json engines asks for is named in one line, a supported one not at all', () => {
  assert.equal(
    nodeVersionNote('v20.20.2', 22),
    'Node v20.20.2 is older than this repository supports (>=22, package.json engines), and the AWS SDK stops supporting it in January 2027: switch to Node 22 or newer.',
  );
  assert.equal(nodeVersionNote('v22.0.0', 22), undefined);
  assert.equal(nodeVersionNote('v24.1.0'), undefined);
});
