import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCountdown, formatReleaseTime, fromSchoolDateTimeInput, toSchoolDateTimeInput } from './school-time';

describe('release times on the school clock', () => {
  it('reads a datetime-local value in the school zone, summer and winter, whatever the device zone', () => {
    assert.equal(fromSchoolDateTimeInput('2027-08-20T08:00', 'Europe/London'), '2027-08-20T07:00:00.000Z');
    assert.equal(fromSchoolDateTimeInput('2027-01-20T08:00', 'Europe/London'), '2027-01-20T08:00:00.000Z');
    assert.equal(fromSchoolDateTimeInput('2027-08-20T08:00', 'Australia/Sydney'), '2027-08-19T22:00:00.000Z');
    assert.equal(fromSchoolDateTimeInput('2027-08-20T08:00', 'America/New_York'), '2027-08-20T12:00:00.000Z');
  });

  it('round-trips through the input value, and refuses what is not one', () => {
    for (const zone of ['Europe/London', 'Asia/Kolkata', 'Pacific/Honolulu']) {
      const instant = fromSchoolDateTimeInput('2027-03-28T09:30', zone);
      assert.ok(instant);
      assert.equal(toSchoolDateTimeInput(instant, zone), '2027-03-28T09:30');
    }
    assert.equal(fromSchoolDateTimeInput('20 August', 'Europe/London'), undefined);
    assert.equal(fromSchoolDateTimeInput('', 'Europe/London'), undefined);
  });

  it('reads a time the clocks skip in spring with the offset before the change', () => {
    assert.equal(fromSchoolDateTimeInput('2027-03-28T01:30', 'Europe/London'), '2027-03-28T01:30:00.000Z');
  });

  it('writes the time and the day as the school sees them', () => {
    assert.equal(formatReleaseTime('2027-08-20T07:00:00.000Z', 'Europe/London'), '08:00 on Fri 20 August 2027');
    assert.equal(formatReleaseTime('2027-08-20T07:00:00.000Z', 'Asia/Tokyo'), '16:00 on Fri 20 August 2027');
  });

  it('counts down in the units that matter', () => {
    assert.equal(formatCountdown(2 * 86_400_000 + 3 * 3_600_000 + 5000), '2 days 3 h');
    assert.equal(formatCountdown(3_600_000 + 5 * 60_000), '1 h 05 min');
    assert.equal(formatCountdown(4 * 60_000 + 5000), '4 min 05 s');
    assert.equal(formatCountdown(11_200), '12 s');
    assert.equal(formatCountdown(-5), '0 s');
  });
});
