import assert from 'node:assert/strict';
import { baselineOf, flagReasonsFor, type CheckInOutcome, type FlagThresholds } from '../../../src/features/check-ins/check-in-flags.ts';

const T: FlagThresholds = { lowRawMax: 12, fallPoints: 10, baselineCheckIns: 3, missedInARow: 2, workloadTooMuchInARow: 2 };
let n = 0;
const at = () => `2026-01-${String(++n).padStart(2, '0')}T09:00:00.000Z`;
const answered = (raw: number, extra: Partial<CheckInOutcome> = {}): CheckInOutcome => ({
  at: at(),
  onDemand: false,
  status: 'answered',
  raw,
  percentage: raw * 4,
  ...extra,
});
const missed = (extra: Partial<CheckInOutcome> = {}): CheckInOutcome => ({ at: at(), onDemand: false, status: 'missed', ...extra });

describe('check-in flag rules', () => {
  beforeEach(() => {
    n = 0;
  });
  const cases: { name: string; history: () => CheckInOutcome[]; latest: () => CheckInOutcome; expect: string[]; open?: string[] }[] = [
    { name: 'raw 12 is low (at the threshold)', history: () => [], latest: () => answered(12), expect: ['lowScore'] },
    { name: 'raw 13 is not low', history: () => [], latest: () => answered(13), expect: [] },
    { name: 'raw 0 is low', history: () => [], latest: () => answered(0), expect: ['lowScore'] },
    {
      name: 'a fall of exactly 10 points from the baseline flags',
      history: () => [answered(20), answered(20), answered(20)],
      latest: () => answered(17.5),
      expect: ['sharpFall'],
    },
    {
      name: 'a fall of 9 points does not',
      history: () => [answered(20), answered(20), answered(20)],
      latest: () => answered(17.75),
      expect: [],
    },
    {
      name: 'no baseline with only two answered check-ins',
      history: () => [answered(25), answered(25)],
      latest: () => answered(15),
      expect: [],
    },
    {
      name: 'the baseline is the last three answered, misses skipped',
      history: () => [answered(10), answered(25), missed(), answered(25), answered(25)],
      latest: () => answered(22),
      expect: ['sharpFall'],
    },
    { name: 'one missed check-in does not flag', history: () => [answered(20)], latest: () => missed(), expect: [] },
    { name: 'two missed in a row flag', history: () => [answered(20), missed()], latest: () => missed(), expect: ['missedCheckIns'] },
    {
      name: 'an answer in between breaks the run (an on-demand one too)',
      history: () => [missed(), answered(20, { onDemand: true })],
      latest: () => missed(),
      expect: [],
    },
    {
      name: '"too much" once does not flag',
      history: () => [answered(20, { workload: 'stretched' })],
      latest: () => answered(20, { workload: 'tooMuch' }),
      expect: [],
    },
    {
      name: '"too much" twice running flags',
      history: () => [answered(20, { workload: 'tooMuch' })],
      latest: () => answered(20, { workload: 'tooMuch' }),
      expect: ['workload'],
    },
    {
      name: 'asking for a conversation flags, first',
      history: () => [],
      latest: () => answered(10, { conversation: true }),
      expect: ['conversationRequested', 'lowScore'],
    },
    {
      name: 'a reason with an open flag is not raised again',
      history: () => [],
      latest: () => answered(10, { conversation: true }),
      open: ['lowScore'],
      expect: ['conversationRequested'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const history = c.history();
      assert.deepEqual(flagReasonsFor(history, c.latest(), T, (c.open ?? []) as never), c.expect);
    });
  }

  it('thresholds come from configuration: missedInARow 3 needs a third miss', () => {
    assert.deepEqual(flagReasonsFor([missed(), missed()], missed(), { ...T, missedInARow: 3 }), ['missedCheckIns']);
    assert.deepEqual(flagReasonsFor([missed()], missed(), { ...T, missedInARow: 3 }), []);
  });

  it('baseline is the mean percentage of the last N answered', () => {
    assert.equal(baselineOf([answered(10), answered(20), answered(15)], 3), 60);
    assert.equal(baselineOf([answered(10), answered(20)], 3), undefined);
  });
});
