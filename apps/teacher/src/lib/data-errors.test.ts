import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataError, messageOf, readableReason } from './data-errors';

// The shapes below are what aws-amplify 6.22 hands over in each case (see offline.test.ts and
// results-editor.test.ts for the same cases produced by the real client and backend).

test('a failed sign-in check with nothing but its summary left is not called an expired session', () => {
  assert.match(readableReason('No current user', { reading: true }), /^Your sign-in could not be checked: the server may be unreachable/);
});

test('a failed sign-in check whose cause was the network says so', () => {
  const thrown = Object.assign(new Error('No current user'), {
    name: 'NoSignedUser',
    underlyingError: Object.assign(new Error('A network error has occurred.'), { name: 'NetworkError' }),
  });
  assert.equal(readableReason(thrown), 'The server could not be reached. Check your connection and try again.');
});

test('one refused operation reads as gone or not yours when writing, as a session problem when reading', () => {
  const refused = [{ errorType: 'Unauthorized', message: 'Not Authorized to access updateResult on type Mutation' }];
  assert.match(readableReason(refused), /deleted somewhere else/);
  assert.match(readableReason('Unauthorized', { reading: true }), /session may have ended/);
});

test('unknown failures get a general sentence, never the raw error', () => {
  const raw = [{ errorType: 'MappingTemplate', message: 'Value for field $[operation] not found.' }];
  assert.equal(readableReason(raw), 'The server did not complete the request. Try again in a moment.');
  assert.equal(messageOf(new DataError('Ana already has a result in this exam.')), 'Ana already has a result in this exam.');
});
