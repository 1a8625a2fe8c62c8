import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WEEKDAYS, type WorkingPattern } from '../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN, formatWorkingPattern, parseWorkingPattern } from '../../../src/kernel/working-pattern.ts';

const h = (hours: number, minutes = 0) => hours * 60 + minutes;

describe('domain/working-pattern', () => {
  describe('parseWorkingPattern accepts', () => {
    const cases: Array<{ text: string; value: WorkingPattern }> = [
      { text: 'Mon-Fri 08:00-16:00', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Mon,Wed,Thu 07:00-19:00', value: { days: ['mon', 'wed', 'thu'], startMinute: h(7), endMinute: h(19) } },
      { text: 'mon-fri 08:30-17:15', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: h(8, 30), endMinute: h(17, 15) } },
      { text: 'MON-SUN 00:00-23:59', value: { days: [...WEEKDAYS], startMinute: 0, endMinute: h(23, 59) } },
      { text: 'Sat 09:00-13:00', value: { days: ['sat'], startMinute: h(9), endMinute: h(13) } },
      { text: 'Sat-Sun 09:00-13:00', value: { days: ['sat', 'sun'], startMinute: h(9), endMinute: h(13) } },
      { text: 'Monday-Friday 08:00-16:00', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Tue,Wed,Thu,Fri 07:00-17:00', value: { days: ['tue', 'wed', 'thu', 'fri'], startMinute: h(7), endMinute: h(17) } },
      { text: 'Fri,Mon 08:00-16:00', value: { days: ['mon', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Mon-Wed,Fri 08:00-16:00', value: { days: ['mon', 'tue', 'wed', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Mon,Mon,Tue 08:00-16:00', value: { days: ['mon', 'tue'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Mon, Wed, Fri 08:00-16:00', value: { days: ['mon', 'wed', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: '  Mon-Fri 08:00-16:00  ', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Tues,Thurs 08:00-16:00', value: { days: ['tue', 'thu'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Mon - Fri 08:00-16:00', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: h(8), endMinute: h(16) } },
      { text: 'Mon-Fri 22:00-06:00', value: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: h(22), endMinute: h(6) } },
    ];
    for (const c of cases) {
      it(JSON.stringify(c.text), () => assert.deepEqual(parseWorkingPattern(c.text), { ok: true, value: c.value }));
    }
  });

  describe('parseWorkingPattern rejects with a clear message', () => {
    const shape = /should look like "Mon-Fri 08:00-16:00"/;
    const days = /should be days like Mon-Fri or Mon,Wed,Fri/;
    const hours = /are not valid 24-hour times/;
    const cases: Array<{ text: string; error: RegExp }> = [
      { text: '', error: shape },
      { text: 'Mon-Fri', error: shape },
      { text: '08:00-16:00', error: shape },
      { text: 'Mon-Fri 8:00-16:00', error: shape },
      { text: 'Mon-Fri 08:00–16:00', error: shape }, // en dash
      { text: 'Mon-Fri 08:00 16:00', error: shape },
      { text: 'Mon-Fri 08:00-16:00 extra', error: shape },
      { text: 'Mox-Fri 08:00-16:00', error: /working days "Mox-Fri" should be days like Mon-Fri or Mon,Wed,Fri/ },
      { text: 'Monkey-Fri 08:00-16:00', error: days },
      { text: 'Fri-Mon 08:00-16:00', error: days },
      { text: 'Mon-Wed-Fri 08:00-16:00', error: days },
      { text: 'Mon,,Fri 08:00-16:00', error: days },
      { text: 'Mon, 08:00-16:00', error: days },
      { text: '-Fri 08:00-16:00', error: days },
      { text: 'M-F 08:00-16:00', error: days },
      { text: 'Mo-Fr 08:00-16:00', error: days },
      { text: 'Fridge 08:00-16:00', error: days },
      { text: 'Mon Fri 08:00-16:00', error: days },
      { text: 'Mon-Fri 24:00-16:00', error: /working hours "24:00-16:00" are not valid 24-hour times/ },
      { text: 'Mon-Fri 08:60-16:00', error: hours },
      { text: 'Mon-Fri 08:00-99:99', error: hours },
      { text: 'Mon-Fri 08:00-08:00', error: /working hours start and end at the same time/ },
    ];
    for (const c of cases) {
      it(JSON.stringify(c.text), () => {
        const result = parseWorkingPattern(c.text);
        assert.equal(result.ok, false);
        assert.ok(!result.ok);
        assert.match(result.error, c.error);
      });
    }
  });

  describe('formatWorkingPattern', () => {
    const cases: Array<{ value: WorkingPattern; text: string }> = [
      { value: DEFAULT_WORKING_PATTERN, text: 'Mon-Fri 08:00-17:00' },
      { value: { days: ['mon', 'wed', 'fri'], startMinute: h(7, 5), endMinute: h(19) }, text: 'Mon,Wed,Fri 07:05-19:00' },
      { value: { days: ['sun'], startMinute: 0, endMinute: h(23, 59) }, text: 'Sun 00:00-23:59' },
      { value: { days: ['sat', 'sun'], startMinute: h(22), endMinute: h(6) }, text: 'Sat-Sun 22:00-06:00' },
    ];
    for (const c of cases) {
      it(c.text, () => assert.equal(formatWorkingPattern(c.value), c.text));
    }

    it('parse(format(p)) gives p back for every pattern (property)', () => {
      const pattern = fc
        .record(
          {
            days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
            startMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
            endMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
          },
          { noNullPrototype: true },
        )
        .filter((p) => p.startMinute !== p.endMinute);
      fc.assert(
        fc.property(pattern, (p) => {
          assert.deepEqual(parseWorkingPattern(formatWorkingPattern(p)), { ok: true, value: p });
        }),
        { numRuns: 1000 },
      );
    });

    it('format(parse(text)) is stable: formatting twice gives the same text (property)', () => {
      const text = fc
        .record({
          days: fc.subarray(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], { minLength: 1 }),
          start: fc.integer({ min: 0, max: 23 }),
          end: fc.integer({ min: 0, max: 23 }),
        })
        .filter((r) => r.start !== r.end)
        .map((r) => `${r.days.join(',')} ${String(r.start).padStart(2, '0')}:00-${String(r.end).padStart(2, '0')}:00`);
      fc.assert(
        fc.property(text, (t) => {
          const first = parseWorkingPattern(t);
          assert.ok(first.ok, t);
          const formatted = formatWorkingPattern(first.value);
          const second = parseWorkingPattern(formatted);
          assert.ok(second.ok, formatted);
          assert.equal(formatWorkingPattern(second.value), formatted);
        }),
      );
    });
  });
});
