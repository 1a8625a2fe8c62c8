import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, LEVEL_ROLES, parsePolicy, type ChainEntry, type EscalationPolicy } from '../../../src/kernel/escalation.ts';
import { responsibilityChain } from '../../../src/kernel/responsibility.ts';
import { parseRoster } from '../../../src/kernel/roster.ts';
import type { Absence, Person, Roster } from '../../../src/kernel/types.ts';

/** The demo roster: unit-2 (head dana.hughes, nobody above); sam.okafor supervises alex, bea, chris;
 *  priya.shah (standing cover sam.okafor) supervises dev, erin, femi; priya is away 2027-01-04..15
 *  with no cover named on the absence. */
function demoRoster(): Roster {
  const parsed = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`demo roster does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.roster;
}

const PRESENT = new Date('2026-06-03T10:00:00Z');
const PRIYA_AWAY = new Date('2027-01-06T10:00:00Z');

type Tweak = (r: Roster) => void;
const person = (r: Roster, id: string): Person => {
  const p = r.people.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id} in the roster`);
  return p;
};
const absence = (supervisorId: string, from: string, to: string, coverId?: string): Absence => ({
  id: `away-${supervisorId}-${from}`,
  personId: supervisorId,
  from,
  to,
  coverId,
});
const withAbove: Tweak = (r) => {
  r.people.push({
    ...person(r, 'tom.reed'),
    id: 'ian.dci',
    name: 'Ian DCI',
    roles: ['departmentHead'],
    supervisorId: undefined,
    teamsUserId: '29:ian',
    aadObjectId: '00000000-0000-4000-8000-000000000099',
  });
  r.units[0]!.aboveId = 'ian.dci';
};
const samAway =
  (coverId?: string): Tweak =>
  (r) => {
    r.absences.push(absence('sam.okafor', '2026-06-01', '2026-06-05', coverId));
  };
const priyaAway =
  (coverId?: string): Tweak =>
  (r) => {
    r.absences.push(absence('priya.shah', '2026-06-01', '2026-06-05', coverId));
  };

const chainOf = (entries: ChainEntry[]) => entries.map((e) => `${e.personId}:${e.role}`);

describe('domain/escalation', () => {
  describe('responsibilityChain on the demo roster', () => {
    const cases: Array<{
      name: string;
      subject: string | undefined;
      now?: Date;
      tweaks?: Tweak[];
      policy?: EscalationPolicy;
      fallbacks?: string[];
      chain: string[];
      absentNotIn?: string[];
    }> = [
      {
        name: 'officer of a present supervisor with no standing cover: supervisor, then department head',
        subject: 'alex.moreno',
        chain: ['sam.okafor:supervisor', 'dana.hughes:departmentHead'],
      },
      {
        name: 'officer of a present supervisor with a standing cover: supervisor, cover, department head',
        subject: 'dev.patel',
        chain: ['priya.shah:supervisor', 'sam.okafor:cover', 'dana.hughes:departmentHead'],
      },
      {
        name: 'the unit has someone above the department head: they come last',
        subject: 'dev.patel',
        tweaks: [withAbove],
        chain: ['priya.shah:supervisor', 'sam.okafor:cover', 'dana.hughes:departmentHead', 'ian.dci:above'],
      },
      {
        name: 'above, for a supervisor-without-cover chain',
        subject: 'bea.clarke',
        tweaks: [withAbove],
        chain: ['sam.okafor:supervisor', 'dana.hughes:departmentHead', 'ian.dci:above'],
      },
      {
        name: 'supervisor absent (demo absence, no cover named): the standing cover takes the supervisor level',
        subject: 'erin.walsh',
        now: PRIYA_AWAY,
        chain: ['sam.okafor:cover', 'dana.hughes:departmentHead'],
        absentNotIn: ['priya.shah'],
      },
      {
        name: 'supervisor absent with an absence naming a cover: that cover, not the standing one',
        subject: 'dev.patel',
        tweaks: [priyaAway('tom.reed')],
        chain: ['tom.reed:cover', 'dana.hughes:departmentHead'],
        absentNotIn: ['priya.shah'],
      },
      {
        name: 'absence cover overrides the standing cover, also with someone above',
        subject: 'femi.adeyemi',
        tweaks: [withAbove, priyaAway('tom.reed')],
        chain: ['tom.reed:cover', 'dana.hughes:departmentHead', 'ian.dci:above'],
      },
      {
        name: 'supervisor absent with no cover at all: department head is first',
        subject: 'alex.moreno',
        tweaks: [samAway()],
        chain: ['dana.hughes:departmentHead'],
        absentNotIn: ['sam.okafor'],
      },
      {
        name: 'supervisor absent, no cover, someone above: department head then above',
        subject: 'chris.lowe',
        tweaks: [samAway(), withAbove],
        chain: ['dana.hughes:departmentHead', 'ian.dci:above'],
      },
      {
        name: 'supervisor absent and the cover absent too: neither is in the chain',
        subject: 'dev.patel',
        tweaks: [priyaAway(), samAway()],
        chain: ['dana.hughes:departmentHead'],
        absentNotIn: ['priya.shah', 'sam.okafor'],
      },
      {
        name: 'the absence-named cover is absent: head is first, the standing cover is not used instead',
        subject: 'dev.patel',
        tweaks: [priyaAway('sam.okafor'), samAway()],
        chain: ['dana.hughes:departmentHead'],
      },
      {
        name: 'present supervisor whose standing cover is absent: the cover is left out',
        subject: 'dev.patel',
        tweaks: [samAway()],
        chain: ['priya.shah:supervisor', 'dana.hughes:departmentHead'],
      },
      {
        name: 'the absence ended yesterday: the supervisor is back on',
        subject: 'dev.patel',
        now: new Date('2027-01-16T08:00:00Z'),
        chain: ['priya.shah:supervisor', 'sam.okafor:cover', 'dana.hughes:departmentHead'],
      },
      {
        name: 'first and last day of an absence are inclusive',
        subject: 'dev.patel',
        now: new Date('2027-01-15T23:59:00Z'),
        chain: ['sam.okafor:cover', 'dana.hughes:departmentHead'],
      },
      {
        name: 'a cover named on the absence who is not on the roster is skipped',
        subject: 'dev.patel',
        tweaks: [priyaAway('nobody.here')],
        chain: ['dana.hughes:departmentHead'],
      },
      {
        name: 'a supervisor whose own supervisor is the department head: the head appears once',
        subject: 'sam.okafor',
        chain: ['dana.hughes:supervisor'],
      },
      {
        name: "the subject is their supervisor's standing cover: never in their own chain",
        subject: 'sam.okafor',
        tweaks: [
          (r) => {
            person(r, 'sam.okafor').supervisorId = 'priya.shah';
          },
        ],
        chain: ['priya.shah:supervisor', 'dana.hughes:departmentHead'],
      },
      {
        name: "the subject is named as cover on their supervisor's absence: skipped, head is on",
        subject: 'dev.patel',
        tweaks: [priyaAway('dev.patel')],
        chain: ['dana.hughes:departmentHead'],
      },
      { name: 'the department head raising: nobody above and no fallbacks gives an empty chain', subject: 'dana.hughes', chain: [] },
      {
        name: 'the department head raising: the fallback responders are on',
        subject: 'dana.hughes',
        fallbacks: ['tom.reed'],
        chain: ['tom.reed:fallback'],
      },
      {
        name: 'the department head raising, someone above: above is on',
        subject: 'dana.hughes',
        tweaks: [withAbove],
        fallbacks: ['tom.reed'],
        chain: ['ian.dci:above'],
      },
      { name: 'a candidate with no supervisor: department head', subject: 'gus.novak', chain: ['dana.hughes:departmentHead'] },
      {
        name: 'someone not on the roster: the fallback ids, in order',
        subject: undefined,
        fallbacks: ['dana.hughes', 'sam.okafor'],
        chain: ['dana.hughes:fallback', 'sam.okafor:fallback'],
      },
      {
        name: 'not on the roster, fallback ids not on the roster are dropped and duplicates collapse',
        subject: undefined,
        fallbacks: ['ghost', 'sam.okafor', 'sam.okafor'],
        chain: ['sam.okafor:fallback'],
      },
      {
        name: 'not on the roster, a fallback is away: the others are on',
        subject: undefined,
        tweaks: [samAway()],
        fallbacks: ['sam.okafor', 'priya.shah'],
        chain: ['priya.shah:fallback'],
      },
      {
        name: 'not on the roster and every fallback away: all fallbacks are still alerted',
        subject: undefined,
        tweaks: [samAway(), priyaAway()],
        fallbacks: ['sam.okafor', 'priya.shah'],
        chain: ['sam.okafor:fallback', 'priya.shah:fallback'],
      },
      { name: 'not on the roster, no fallbacks: empty', subject: undefined, chain: [] },
      {
        name: 'a policy with a fallback level: fallbacks after the unit chain',
        subject: 'alex.moreno',
        policy: { ...DEFAULT_POLICY, levels: [...DEFAULT_POLICY.levels, { role: 'fallback', delayMinutes: 20 }] },
        fallbacks: ['tom.reed', 'dana.hughes'],
        chain: ['sam.okafor:supervisor', 'dana.hughes:departmentHead', 'tom.reed:fallback'],
      },
      {
        name: 'a policy of department head only',
        subject: 'dev.patel',
        policy: { ...DEFAULT_POLICY, levels: [{ role: 'departmentHead', delayMinutes: 10 }] },
        chain: ['dana.hughes:departmentHead'],
      },
      {
        name: 'a policy with the department head before the supervisor keeps policy order',
        subject: 'dev.patel',
        policy: {
          ...DEFAULT_POLICY,
          levels: [
            { role: 'departmentHead', delayMinutes: 10 },
            { role: 'supervisor', delayMinutes: 10 },
          ],
        },
        chain: ['dana.hughes:departmentHead', 'priya.shah:supervisor'],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const roster = demoRoster();
        for (const t of c.tweaks ?? []) t(roster);
        const subject = c.subject === undefined ? undefined : person(roster, c.subject);
        const before = structuredClone(roster);
        const chain = responsibilityChain(subject, roster, c.policy ?? DEFAULT_POLICY, c.now ?? PRESENT, c.fallbacks);
        assert.deepEqual(chainOf(chain), c.chain);
        assert.deepEqual(roster, before, 'responsibilityChain must not touch the roster');
        const ids = chain.map((e) => e.personId);
        assert.equal(new Set(ids).size, ids.length, 'nobody appears twice');
        if (subject) assert.ok(!ids.includes(subject.id), 'the subject is never their own responder');
        for (const away of c.absentNotIn ?? []) assert.ok(!ids.includes(away), `${away} is absent and must not be on`);
      });
    }

    it('delays come from the policy level each person is on (a cover standing in takes the supervisor level delay)', () => {
      const policy: EscalationPolicy = {
        ...DEFAULT_POLICY,
        levels: [
          { role: 'supervisor', delayMinutes: 11 },
          { role: 'cover', delayMinutes: 22 },
          { role: 'departmentHead', delayMinutes: 33 },
          { role: 'above', delayMinutes: 44 },
        ],
      };
      const roster = demoRoster();
      withAbove(roster);
      assert.deepEqual(
        responsibilityChain(person(roster, 'dev.patel'), roster, policy, PRESENT).map((e) => [e.personId, e.delayMinutes]),
        [
          ['priya.shah', 11],
          ['sam.okafor', 22],
          ['dana.hughes', 33],
          ['ian.dci', 44],
        ],
      );
      const away = responsibilityChain(person(roster, 'dev.patel'), roster, policy, PRIYA_AWAY);
      assert.deepEqual(
        away.map((e) => [e.personId, e.role, e.delayMinutes]),
        [
          ['sam.okafor', 'cover', 11],
          ['dana.hughes', 'departmentHead', 33],
          ['ian.dci', 'above', 44],
        ],
      );
      assert.ok(away[0]!.note, 'a cover standing in says so');
    });

    it("fallbacks used because nobody else is on take the last level's delay; all-away fallbacks say so", () => {
      const roster = demoRoster();
      const onDuty = responsibilityChain(undefined, roster, DEFAULT_POLICY, PRESENT, ['tom.reed']);
      assert.deepEqual(
        onDuty.map((e) => e.delayMinutes),
        [DEFAULT_POLICY.levels.at(-1)!.delayMinutes],
      );
      samAway()(roster);
      const away = responsibilityChain(undefined, roster, DEFAULT_POLICY, PRESENT, ['sam.okafor']);
      assert.equal(away.length, 1);
      assert.match(away[0]!.note ?? '', /away/);
    });

    it('for everyone on the roster, on ordinary and absence days: no duplicates, never the subject, never an absent person, supervisor level first when present', () => {
      const roster = demoRoster();
      withAbove(roster);
      const days = [PRESENT, PRIYA_AWAY, new Date('2027-01-04T00:00:00Z'), new Date('2027-01-03T23:59:59Z')];
      for (const now of days) {
        for (const subject of roster.people) {
          const chain = responsibilityChain(subject, roster, DEFAULT_POLICY, now, ['tom.reed']);
          const ids = chain.map((e) => e.personId);
          assert.equal(new Set(ids).size, ids.length, `${subject.id}: duplicates in ${ids.join(',')}`);
          assert.ok(!ids.includes(subject.id), `${subject.id} in own chain`);
          assert.ok(chain.length > 0, `${subject.id}: empty chain with a fallback available`);
          const priyaIsAway = now >= new Date('2027-01-04T00:00:00Z');
          if (priyaIsAway) assert.ok(!ids.includes('priya.shah'), `${subject.id}: absent priya on at ${now.toISOString()}`);
          if (subject.supervisorId && !(priyaIsAway && subject.supervisorId === 'priya.shah')) assert.equal(ids[0], subject.supervisorId);
          for (const id of ids)
            assert.ok(
              roster.people.some((p) => p.id === id),
              `${id} is not on the roster`,
            );
        }
      }
    });
  });

  describe('parsePolicy', () => {
    const valid = () => JSON.parse(JSON.stringify(DEFAULT_POLICY)) as Record<string, unknown> & { levels: Array<Record<string, unknown>> };

    it('accepts the default policy as a data file', () => {
      assert.deepEqual(parsePolicy(valid(), 'policy.json'), { ok: true, policy: DEFAULT_POLICY });
    });

    it('accepts every level role and the boundary values', () => {
      const raw = {
        levels: LEVEL_ROLES.map((role, i) => ({ role, delayMinutes: i % 2 ? 1 : 10080 })),
        acknowledgementTimeoutMinutes: 1,
        redeploymentDeadlineDays: 60,
        redeploymentOverdueRepeatMinutes: 5,
      };
      const r = parsePolicy(raw, 'p');
      assert.ok(r.ok, JSON.stringify(r));
      // officerMayBypassSupervisor is optional in a file: it defaults to true.
      assert.deepEqual(r.policy, { ...raw, officerMayBypassSupervisor: true });
      assert.deepEqual(
        parsePolicy(
          { ...raw, acknowledgementTimeoutMinutes: 10080, redeploymentDeadlineDays: 1, redeploymentOverdueRepeatMinutes: 10080 },
          'p',
        ).ok,
        true,
      );
    });

    const invalid: Array<{ name: string; change: (r: ReturnType<typeof valid>) => void; problem: RegExp }> = [
      {
        name: 'levels missing',
        change: (r) => {
          delete (r as Record<string, unknown>).levels;
        },
        problem: /levels must be a non-empty list/,
      },
      {
        name: 'levels empty',
        change: (r) => {
          r.levels = [];
        },
        problem: /levels must be a non-empty list/,
      },
      {
        name: 'levels not a list',
        change: (r) => {
          (r as Record<string, unknown>).levels = { role: 'supervisor', delayMinutes: 5 };
        },
        problem: /levels must be a non-empty list/,
      },
      {
        name: 'unknown level role',
        change: (r) => {
          r.levels[1]!.role = 'boss';
        },
        problem: /levels\[1\]\.role must be one of supervisor, cover, departmentHead, above, fallback/,
      },
      {
        name: 'level role missing',
        change: (r) => {
          delete r.levels[0]!.role;
        },
        problem: /levels\[0\]\.role/,
      },
      {
        name: 'level delay 0',
        change: (r) => {
          r.levels[2]!.delayMinutes = 0;
        },
        problem: /levels\[2\]\.delayMinutes must be from 1 to 10080/,
      },
      {
        name: 'level delay over a week',
        change: (r) => {
          r.levels[3]!.delayMinutes = 10081;
        },
        problem: /levels\[3\]\.delayMinutes/,
      },
      {
        name: 'level delay as text',
        change: (r) => {
          r.levels[0]!.delayMinutes = '15';
        },
        problem: /levels\[0\]\.delayMinutes/,
      },
      {
        name: 'level delay missing',
        change: (r) => {
          delete r.levels[0]!.delayMinutes;
        },
        problem: /levels\[0\]\.delayMinutes/,
      },
      {
        name: 'acknowledgementTimeoutMinutes missing',
        change: (r) => {
          delete r.acknowledgementTimeoutMinutes;
        },
        problem: /acknowledgementTimeoutMinutes must be a number from 1 to 10080/,
      },
      {
        name: 'acknowledgementTimeoutMinutes 0',
        change: (r) => {
          r.acknowledgementTimeoutMinutes = 0;
        },
        problem: /acknowledgementTimeoutMinutes/,
      },
      {
        name: 'acknowledgementTimeoutMinutes as text',
        change: (r) => {
          r.acknowledgementTimeoutMinutes = '60';
        },
        problem: /acknowledgementTimeoutMinutes/,
      },
      {
        name: 'acknowledgementTimeoutMinutes over a week',
        change: (r) => {
          r.acknowledgementTimeoutMinutes = 10081;
        },
        problem: /acknowledgementTimeoutMinutes/,
      },
      {
        name: 'redeploymentDeadlineDays 0',
        change: (r) => {
          r.redeploymentDeadlineDays = 0;
        },
        problem: /redeploymentDeadlineDays must be a number from 1 to 60/,
      },
      {
        name: 'redeploymentDeadlineDays 61',
        change: (r) => {
          r.redeploymentDeadlineDays = 61;
        },
        problem: /redeploymentDeadlineDays/,
      },
      {
        name: 'redeploymentDeadlineDays null',
        change: (r) => {
          r.redeploymentDeadlineDays = null;
        },
        problem: /redeploymentDeadlineDays/,
      },
      {
        name: 'redeploymentOverdueRepeatMinutes 4',
        change: (r) => {
          r.redeploymentOverdueRepeatMinutes = 4;
        },
        problem: /redeploymentOverdueRepeatMinutes must be a number from 5 to 10080/,
      },
      {
        name: 'redeploymentOverdueRepeatMinutes negative',
        change: (r) => {
          r.redeploymentOverdueRepeatMinutes = -60;
        },
        problem: /redeploymentOverdueRepeatMinutes/,
      },
    ];
    for (const c of invalid) {
      it(`reports ${c.name}, naming the source`, () => {
        const raw = valid();
        c.change(raw);
        const r = parsePolicy(raw, 'config/escalation.json');
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.equal(r.problems.length, 1, r.problems.join('\n'));
        assert.match(r.problems[0]!, c.problem);
        assert.ok(r.problems[0]!.startsWith('config/escalation.json: '), r.problems[0]);
      });
    }

    it('lists several problems at once', () => {
      const raw = valid();
      raw.levels[0]!.role = 'boss';
      raw.levels[1]!.delayMinutes = 0;
      raw.acknowledgementTimeoutMinutes = 0;
      raw.redeploymentDeadlineDays = 99;
      raw.redeploymentOverdueRepeatMinutes = 'daily';
      const r = parsePolicy(raw, 'p.json');
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.problems.length, 5, r.problems.join('\n'));
      for (const re of [
        /levels\[0\]\.role/,
        /levels\[1\]\.delayMinutes/,
        /acknowledgementTimeoutMinutes/,
        /redeploymentDeadlineDays/,
        /redeploymentOverdueRepeatMinutes/,
      ]) {
        assert.ok(
          r.problems.some((p) => re.test(p)),
          `${re} not reported in ${r.problems.join(' | ')}`,
        );
      }
    });

    it('a level that is not an object reports both its role and its delay', () => {
      const raw = valid();
      (raw.levels as unknown[])[2] = null;
      const r = parsePolicy(raw, 'p');
      assert.deepEqual(r.ok ? [] : r.problems.length, 2);
    });

    for (const raw of [undefined, null, {}, 'levels', 42, []]) {
      it(`reports every field of ${JSON.stringify(raw) ?? 'undefined'}`, () => {
        const r = parsePolicy(raw, 'p');
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.equal(r.problems.length, 4, r.problems.join('\n'));
        for (const key of ['levels', 'acknowledgementTimeoutMinutes', 'redeploymentDeadlineDays', 'redeploymentOverdueRepeatMinutes']) {
          assert.ok(
            r.problems.some((p) => p.includes(key)),
            `${key} not reported`,
          );
        }
      });
    }
  });
});
