import assert from 'node:assert/strict';
import { formatDay, formatTime, formatWeekday, isIsoDay, nameIn } from '../../../src/kernel/format.ts';
import { ukWallTime } from '../../../src/kernel/uk-time.ts';
import type { Roster } from '../../../src/kernel/types.ts';

describe('kernel/format', () => {
  it('formatDay: a calendar date as written, never shifted by a time zone', () => {
    const table: [string, string][] = [
      ['2026-11-23', '23 Nov 2026'],
      ['2026-03-29', '29 Mar 2026'], // the day the clocks go forward
      ['2026-10-25', '25 Oct 2026'], // the day the clocks go back
      ['2026-06-30', '30 Jun 2026'], // summer (BST): still the same date
      ['2027-01-01', '1 Jan 2027'],
    ];
    for (const [input, output] of table) assert.equal(formatDay(input), output, input);
  });

  it('formatWeekday: a day someone plans around, with its weekday', () => {
    const table: [string, string][] = [
      ['2026-11-23', 'Mon, 23 Nov 2026'],
      ['2027-03-01', 'Mon, 1 Mar 2027'],
      ['2026-03-29', 'Sun, 29 Mar 2026'],
      ['2026-06-30', 'Tue, 30 Jun 2026'],
      ['2026-12-31', 'Thu, 31 Dec 2026'],
    ];
    for (const [input, output] of table) assert.equal(formatWeekday(input), output, input);
  });

  it('formatTime: an instant on the UK wall clock, GMT in winter and BST in summer', () => {
    const table: [string, string][] = [
      ['2026-11-23T09:00:00.000Z', '23 Nov 2026, 09:00'], // GMT
      ['2026-06-03T07:30:00Z', '3 Jun 2026, 08:30'], // BST
      ['2026-06-03T23:30:00Z', '4 Jun 2026, 00:30'], // BST moves the date too
      ['2026-03-29T00:59:00Z', '29 Mar 2026, 00:59'], // last minute of GMT
      ['2026-03-29T01:00:00Z', '29 Mar 2026, 02:00'], // first minute of BST
      ['2026-10-25T00:30:00Z', '25 Oct 2026, 01:30'], // 01:30 BST ...
      ['2026-10-25T01:30:00Z', '25 Oct 2026, 01:30'], // ... and 01:30 GMT, an hour later
      ['2026-12-31T23:59:00Z', '31 Dec 2026, 23:59'],
    ];
    for (const [input, output] of table) assert.equal(formatTime(input), output, input);
  });

  it('ukWallTime: the UK date and time of an instant, for pre-filling inputs', () => {
    assert.deepEqual(ukWallTime('2026-11-23T09:00:00Z'), { day: '2026-11-23', time: '09:00' });
    assert.deepEqual(ukWallTime('2026-06-03T23:30:00Z'), { day: '2026-06-04', time: '00:30' });
    assert.deepEqual(ukWallTime('2026-03-29T01:00:00Z'), { day: '2026-03-29', time: '02:00' });
  });

  it('isIsoDay: only real calendar dates', () => {
    const table: [string, boolean][] = [
      ['2026-11-23', true],
      ['2028-02-29', true],
      ['2026-02-29', false],
      ['2026-13-01', false],
      ['23/11/2026', false],
      ['2026-11-23T00:00:00Z', false],
      ['', false],
    ];
    for (const [input, output] of table) assert.equal(isIsoDay(input), output, input);
  });

  it('nameIn: a roster name, "someone not on the roster", or "nobody yet"; never an internal id', () => {
    const roster = { units: [], absences: [], people: [{ id: 'sam.okafor', name: 'Sam Okafor' }] } as unknown as Roster;
    const name = nameIn(roster);
    assert.equal(name('sam.okafor'), 'Sam Okafor');
    assert.equal(name(undefined), 'nobody yet');
    assert.equal(name('unrostered:29:abc'), 'someone not on the roster');
    // Nor any other internal id: the admin command, Haven itself, someone who has left the roster.
    assert.equal(name('admin-cli'), 'an administrator');
    assert.equal(name('system'), 'Haven');
    assert.equal(name('lee.former'), 'someone no longer on the roster');
  });
});
