import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatExamDate, plural } from './format';

describe('formatExamDate', () => {
  it('writes the weekday, day, month and year as the locale does', () => {
    assert.equal(formatExamDate('2025-06-30', 'en-GB'), 'Mon, 30 Jun 2025');
    assert.equal(formatExamDate('2025-06-30', 'en-US'), 'Mon, Jun 30, 2025');
  });

  it('keeps the calendar day in a time zone behind UTC, as AWSDate has none', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Honolulu';
    try {
      assert.equal(formatExamDate('2026-01-01', 'en-GB'), 'Thu, 1 Jan 2026');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('returns what is not a date as it is', () => {
    assert.equal(formatExamDate('soon', 'en-GB'), 'soon');
    assert.equal(formatExamDate('', 'en-GB'), '');
  });
});

describe('plural', () => {
  it('uses the singular for one only', () => {
    assert.deepEqual(
      [0, 1, 2].map((count) => plural(count, 'result', 'results')),
      ['0 results', '1 result', '2 results'],
    );
  });
});
