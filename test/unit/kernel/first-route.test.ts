// The one rule for "who is told first" (kernel/first-route.ts): the chosen contact first, then the
// rest of the normal chain, passing over the line supervisor where the policy allows, never a dead end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, parsePolicy, type ChainEntry, type EscalationPolicy } from '../../../src/kernel/escalation.ts';
import { mayBypassSupervisor, routeOptions, routedChain, routedChainFor, type RoutedEntry } from '../../../src/kernel/first-route.ts';
import type { ResolvedContact, ContactRule } from '../../../src/kernel/contacts.ts';
import { parseRoster } from '../../../src/kernel/roster.ts';
import type { Roster } from '../../../src/kernel/types.ts';

function demoRoster(): Roster {
  const parsed = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`demo roster does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.roster;
}
const UNIT2: ContactRule[] = JSON.parse(readFileSync(new URL('../../../data/contacts/unit-2.json', import.meta.url), 'utf8')).contacts;
const NOW = new Date('2026-06-03T10:00:00Z');
const FORBID: EscalationPolicy = { ...DEFAULT_POLICY, officerMayBypassSupervisor: false };
const ids = (c: RoutedEntry[]) => c.map((e) => `${e.personId}:${e.role}`);

const NORMAL: ChainEntry[] = [
  { personId: 'sam', role: 'supervisor', delayMinutes: 15 },
  { personId: 'priya', role: 'cover', delayMinutes: 15 },
  { personId: 'dana', role: 'departmentHead', delayMinutes: 30 },
  { personId: 'ian', role: 'above', delayMinutes: 60 },
];
const WELFARE: ResolvedContact = { kind: 'welfareLead', title: 'the welfare lead', personIds: ['wes'] };
const HEAD: ResolvedContact = { kind: 'departmentHead', title: 'the department head', personIds: ['dana'] };
const TRIM: ResolvedContact = { kind: 'trimPractitioner', title: 'a TRiM practitioner', personIds: ['ira', 'ivo'] };

describe('kernel/first-route', () => {
  it('the default (supervisor, or nothing stored) is the normal chain unchanged', () => {
    assert.deepEqual(routedChain(NORMAL, undefined, [WELFARE], DEFAULT_POLICY), NORMAL);
    assert.deepEqual(routedChain(NORMAL, 'supervisor', [WELFARE], DEFAULT_POLICY), NORMAL);
  });

  it('a chosen contact comes first with the first level delay; the supervisor and cover are passed over when the policy allows', () => {
    const c = routedChain(NORMAL, 'welfareLead', [WELFARE, HEAD], DEFAULT_POLICY);
    assert.deepEqual(ids(c), ['wes:contact', 'dana:departmentHead', 'ian:above']);
    assert.equal(c[0]!.delayMinutes, 15);
    assert.equal(c[0]!.contactKind, 'welfareLead');
  });

  it('a policy that forbids passing over the supervisor keeps them next in line', () => {
    assert.equal(mayBypassSupervisor(FORBID), false);
    assert.equal(mayBypassSupervisor({}), true, 'default: allowed');
    assert.deepEqual(ids(routedChain(NORMAL, 'welfareLead', [WELFARE], FORBID)), [
      'wes:contact',
      'sam:supervisor',
      'priya:cover',
      'dana:departmentHead',
      'ian:above',
    ]);
  });

  it('every person present for the contact is tried in order; someone already on the chain appears once, as the contact', () => {
    assert.deepEqual(ids(routedChain(NORMAL, 'trimPractitioner', [TRIM], DEFAULT_POLICY)), [
      'ira:contact',
      'ivo:contact',
      'dana:departmentHead',
      'ian:above',
    ]);
    assert.deepEqual(ids(routedChain(NORMAL, 'departmentHead', [HEAD], DEFAULT_POLICY)), ['dana:contact', 'ian:above']);
  });

  it('never a dead end: when passing over the supervisor would leave nobody after the contact, or nobody at all, they stay', () => {
    const onlySupervisor = NORMAL.slice(0, 2);
    assert.deepEqual(ids(routedChain(onlySupervisor, 'welfareLead', [WELFARE], DEFAULT_POLICY)), [
      'wes:contact',
      'sam:supervisor',
      'priya:cover',
    ]);
    // The welfare lead is away (confidentialContacts leaves them out): the chain is never empty.
    assert.deepEqual(ids(routedChain(onlySupervisor, 'welfareLead', [], DEFAULT_POLICY)), ['sam:supervisor', 'priya:cover']);
    assert.deepEqual(ids(routedChain(NORMAL, 'welfareLead', [], DEFAULT_POLICY)), ['dana:departmentHead', 'ian:above']);
  });

  it('parses officerMayBypassSupervisor from a policy file (default true; anything but a boolean is a problem)', () => {
    const base = JSON.parse(readFileSync(new URL('../../../data/escalation/default.json', import.meta.url), 'utf8'));
    const ok = parsePolicy(base, 'default.json');
    assert.ok(ok.ok && ok.policy.officerMayBypassSupervisor === true);
    const { officerMayBypassSupervisor: _dropped, ...without } = base;
    const absent = parsePolicy(without, 'x.json');
    assert.ok(absent.ok && absent.policy.officerMayBypassSupervisor === true);
    const no = parsePolicy({ ...base, officerMayBypassSupervisor: false }, 'x.json');
    assert.ok(no.ok && no.policy.officerMayBypassSupervisor === false);
    const bad = parsePolicy({ ...base, officerMayBypassSupervisor: 'no' }, 'x.json');
    assert.ok(!bad.ok && bad.problems.some((p) => p.includes('officerMayBypassSupervisor must be true or false')));
  });

  it('on the demo roster: the options Alex sees, each with the chain it gives and where Sam (the supervisor) stands', () => {
    const roster = demoRoster();
    const deps = { policyFor: () => DEFAULT_POLICY, fallbackResponders: [], contactsFor: () => UNIT2 };
    const alex = roster.people.find((p) => p.id === 'alex.moreno')!;
    const options = routeOptions(deps, alex, roster, NOW);
    assert.deepEqual(
      options.map((o) => o.value),
      ['supervisor', 'welfareLead', 'trimPractitioner', 'departmentHead', 'trainer'],
      'occupational health has nobody on the roster, so it is not offered',
    );
    const welfare = options.find((o) => o.value === 'welfareLead')!;
    assert.deepEqual(ids(welfare.chain), ['wes.lyle:contact', 'dana.hughes:departmentHead']);
    assert.equal(welfare.lineSupervisorId, 'sam.okafor');
    assert.equal(welfare.lineSupervisorInChain, false);
    assert.equal(options[0]!.lineSupervisorInChain, true);
    // The same answer from the stored choice, every time it is recomputed.
    assert.deepEqual(routedChainFor(deps, alex, roster, NOW, 'welfareLead'), welfare.chain);
    const kept = routeOptions({ ...deps, policyFor: () => FORBID }, alex, roster, NOW).find((o) => o.value === 'welfareLead')!;
    assert.deepEqual(ids(kept.chain), ['wes.lyle:contact', 'sam.okafor:supervisor', 'dana.hughes:departmentHead']);
    assert.equal(kept.lineSupervisorInChain, true);
  });
});
