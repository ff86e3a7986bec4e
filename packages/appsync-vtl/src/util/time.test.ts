import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output, render } from '../test-context';

describe('$util.time', () => {
  it('reads the injected clock', () => {
    assert.equal(output('$util.time.nowISO8601() $util.time.nowEpochSeconds() $util.time.nowEpochMilliSeconds()'), '2026-01-02T03:04:05.006Z 1767323045 1767323045006');
  });

  it('formats and parses with Java patterns and time zones', () => {
    assert.equal(output('$util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ") $util.time.nowFormatted("d MMM yyyy HH:mm", "Europe/Berlin")'), '2026-01-02 03:04:05+0000 2 Jan 2026 04:04');
    assert.equal(output('$util.time.parseFormattedToEpochMilliSeconds("2026-01-02 04:04", "yyyy-MM-dd HH:mm", "Europe/Berlin")'), '1767323040000');
    assert.equal(output('$util.time.parseISO8601ToEpochMilliSeconds("2026-01-02T03:04:05.006Z")'), '1767323045006');
  });

  it('converts epoch milliseconds', () => {
    assert.equal(output('$util.time.epochMilliSecondsToSeconds(1767323045006) $util.time.epochMilliSecondsToISO8601(1767323045006) $util.time.epochMilliSecondsToFormatted(1767323045006, "HH:mm")'), '1767323045 2026-01-02T03:04:05.006Z 03:04');
  });

  it('fails the template on text that is not a date', () => {
    assert.equal(render('$util.time.parseISO8601ToEpochMilliSeconds("soon")').error?.errorType, 'MappingTemplate');
  });
});
