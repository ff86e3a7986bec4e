import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordRules } from './password-rules';

test('the policy as one sentence, with what it requires in order', () => {
  assert.equal(
    passwordRules({ min_length: 10, require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: false }),
    'At least 10 characters, with a lowercase letter, a capital letter and a number.',
  );
  assert.equal(passwordRules({ min_length: 12, require_symbols: true }), 'At least 12 characters, with a symbol.');
  assert.equal(passwordRules({ require_numbers: true, require_uppercase: true }), 'At least 8 characters, with a capital letter and a number.');
  assert.equal(passwordRules({ min_length: 6 }), 'At least 6 characters.');
  assert.equal(passwordRules(undefined), undefined);
});
