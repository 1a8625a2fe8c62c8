import { chainFor, fallbackIds } from '../../kernel/responsibility.ts';
import type { Context, Declaration, Effect } from './rules.ts';
import {
  activeAbsence,
  isCurrentMember,
  lineSupervisorNow,
  peopleInUnit,
  peopleWithRole,
  personById,
  unitById,
} from '../../kernel/responsibility.ts';
import { routedChainFor, withDutyCover } from '../../kernel/first-route.ts';
import { onDutyAt } from '../../kernel/duty-rota.ts';
import { DEFAULT_CONTACTS } from '../../kernel/contacts.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { isWorkingMoment, nextWorkingMoment } from '../../kernel/working-time.ts';
import type { DeclarationDeps } from './deps.ts';

export function subjectOf(d: Pick<Declaration, 'personId'>, roster: Roster): Person | undefined {
  return personById(roster.people, d.personId);
}

/** Everything transition() needs, from the roster as it is now. */
export function declarationContext(
  deps: Pick<DeclarationDeps, 'policyFor' | 'fallbackResponders' | 'clock'> & Partial<Pick<DeclarationDeps, 'contactsFor' | 'dutyRotaFor'>>,
  d: Pick<Declaration, 'personId' | 'unitId' | 'route'> & Partial<Pick<Declaration, 'outOfHours'>>,
  roster: Roster,
  options: { raising?: boolean } = {},
): Context {
  const now = deps.clock.now();
  const subject = subjectOf(d, roster);
  const policy = deps.policyFor(d.unitId);
  const unit = unitById(roster.units, d.unitId);
  // The person's own choice of whom to tell first, stored on the request: the one rule (kernel/first-route.ts).
  const contactsFor = deps.contactsFor ?? (() => DEFAULT_CONTACTS);
  let chain = routedChainFor({ ...deps, contactsFor }, subject, roster, now, d.route?.tellFirst, d.unitId);
  const lineSupervisorId = subject ? lineSupervisorNow(subject, roster, now) : undefined;
  // Who is responsible for the person, whatever route the request took: a break's review and return
  // are the supervisor line's (or the head's), never a confidential contact's nor the duty rota's.
  let responsibleChain = d.route?.tellFirst ? chainFor(deps, subject, roster, now, d.unitId) : undefined;
  // Issue 16 (rotas): raised out of hours with the default route, the duty rota stands in while whoever
  // acts for the person is still off duty and someone is on duty (the rule: kernel/first-route.ts).
  let outOfHours: Context['outOfHours'];
  if (!d.route && (options.raising || d.outOfHours)) {
    const onDuty = onDutyAt(deps.dutyRotaFor?.(d.unitId), now);
    const covered = withDutyCover(chain, onDuty, subject, roster, now, policy.levels[0]?.delayMinutes ?? 15);
    if (covered.offDutyId) {
      responsibleChain = chainFor(deps, subject, roster, now, d.unitId);
      chain = covered.chain;
      const offDuty = personById(roster.people, covered.offDutyId)!;
      if (options.raising)
        outOfHours = {
          personId: offDuty.id,
          tellAt: nextWorkingMoment(offDuty.workingPattern, roster.absences, offDuty.id, now, { settleMinutes: 0 }),
        };
    }
  }
  // The roster's indexes (issue 15): the job builds this context for every open request each tick.
  const reassignable = (d.unitId === undefined ? [] : peopleInUnit(roster.people, d.unitId))
    .filter((p) => p.id !== d.personId && (p.roles.includes('supervisor') || p.roles.includes('departmentHead')))
    .filter((p) => !activeAbsence(roster.absences, p.id, now) && isCurrentMember(p))
    .map((p) => p.id);
  // When the department head is the one asking, the rank above (else a fallback) takes their part.
  const head =
    unit?.departmentHeadId && unit.departmentHeadId !== d.personId
      ? unit.departmentHeadId
      : (unit?.aboveId ?? fallbackIds(deps, roster).find((id) => id !== d.personId));
  // HR / resource planning for the unit: its own HR people, else every HR person on the roster.
  const hr = peopleWithRole(roster.people, 'hr').filter((p) => p.id !== d.personId);
  const hrOfUnit = hr.filter((p) => p.unitId === d.unitId);
  const hrIds = (hrOfUnit.length ? hrOfUnit : hr).map((p) => p.id);
  const isWorking = (personId: string): boolean => {
    const p = personById(roster.people, personId);
    return !p || isWorkingMoment(p.workingPattern, roster.absences, p.id, now);
  };
  return { now, policy, chain, responsibleChain, lineSupervisorId, departmentHeadId: head, reassignable, hrIds, isWorking, outOfHours };
}

/** Deterministic ids for the messages an effect causes: a retried flush never sends twice. */
export function withEffectIds(d: Declaration, effects: Effect[]): { id: string; effect: Effect }[] {
  const revision = d.timeline.length;
  return effects.map((effect, i) => {
    const who = 'personId' in effect ? effect.personId : 'event' in effect ? effect.event : '';
    return { id: `${d.id}:r${revision}:${i}:${effect.kind}:${who}`, effect };
  });
}
