// The department head's unit overview: aggregates only, shown only for groups of at least
// HAVEN_MIN_GROUP_SIZE (never fewer than 5). Only the unit's department head may open it.
import {
  lastMonths,
  summaryWeekFor,
  unitOverview,
  weeksBefore,
  workloadAggregates,
  type CheckIn,
  type Period,
  type UnitOverview,
  type UnitOverviewCardData,
} from '../check-ins/index.ts';
import { localMoment } from '../../kernel/working-time.ts';
import { careItemsFor, hasCareSchedule } from './care-schedule.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { Actor } from '../../kernel/context.ts';
import { identifyPerson, unrosteredId } from '../../kernel/identify-person.ts';
import type { CareDeps } from './deps.ts';

export async function overviewFor(deps: CareDeps, unitId: string, periods: Period[]): Promise<UnitOverview> {
  const now = deps.clock.now();
  const today = localMoment(now).date;
  const from = periods[0]?.from ?? today;
  const to = periods[periods.length - 1]?.to ?? today;
  const rows: CheckIn[] = (await deps.checkIns.listForUnit(unitId, from, to)).map((v) => v.value);
  const facts = rows.map((c) => ({
    personId: c.personId,
    dueOn: c.dueOn,
    closesOn: c.closesOn,
    onDemand: c.onDemand,
    status: c.status,
    percentage: c.score?.percentage,
  }));
  const overdue = await overdueCareIn(deps, unitId, today);
  const overview = unitOverview(facts, periods, today, deps.checkInSettings.minGroupSize, overdue);
  // Issue 14: the last four whole weeks of the workload log, as aggregates over the minimum group.
  const last = summaryWeekFor(today);
  const shown = [3, 2, 1, 0].map((n) => weeksBefore(last, n));
  const weeks = (await deps.workloadWeeks.listForUnit(unitId, shown[0]!, last)).map((v) => v.value);
  return {
    ...overview,
    workload: workloadAggregates(weeks, shown, deps.checkInSettings.minGroupSize, deps.checkInSettings.workload.heavyHours),
  };
}

/**
 * Overdue scheduled-care items across the unit: a count only, and only when at least the minimum
 * group of people have a care schedule (a count over two people would point at them).
 */
export async function overdueCareIn(deps: CareDeps, unitId: string, today: string): Promise<number | undefined> {
  const people = (await loadRoster(deps)).people.filter((p) => p.unitId === unitId && hasCareSchedule(p));
  if (people.length < deps.checkInSettings.minGroupSize) return undefined;
  const records = (await deps.care.listRecords()).map((r) => r.value);
  const forwards = (await deps.care.listForwards()).map((f) => f.value);
  let overdue = 0;
  for (const p of people)
    overdue += careItemsFor(
      p,
      today,
      deps.careSettings.schedule,
      records.filter((r) => r.personId === p.id),
      forwards.filter((f) => f.personId === p.id),
    ).filter((i) => i.status === 'overdue').length;
  return overdue;
}

export function overviewCardData(unitName: string, o: UnitOverview): UnitOverviewCardData {
  const hidden = `fewer than ${o.minGroupSize} people: not shown`;
  const trend =
    o.trendPoints === undefined
      ? 'not enough months with 5 or more people yet'
      : o.trendPoints === 0
        ? 'no change on the month before'
        : `${o.trendPoints > 0 ? 'up' : 'down'} ${Math.abs(o.trendPoints)} points on the month before`;
  return {
    title: `Unit overview: ${unitName}`,
    rule: `Figures for the last ${o.periods.length} months, for the unit as a whole. A month is shown only when at least ${o.minGroupSize} people answered, so nobody can be picked out. Individual answers are never shown here.`,
    periods: o.periods.map((p) => ({
      label: p.label,
      shown: p.meanPercentage !== undefined,
      barWeight: Math.max(1, p.meanPercentage ?? 1),
      restWeight: Math.max(1, 100 - (p.meanPercentage ?? 1)),
      meanText: p.meanPercentage === undefined ? '' : `${p.meanPercentage}%`,
      hiddenText: hidden,
      completionText: p.completionPercent === undefined ? hidden : `${p.completionPercent}% of check-ins answered`,
    })),
    facts: [
      { label: 'Wellbeing trend', value: trend },
      { label: 'Overdue care items', value: o.overdueCareItems === undefined ? hidden : String(o.overdueCareItems) },
      // Issue 14: workload weeks, only for groups of at least the minimum size.
      ...(o.workload ?? []).map((w) => ({
        label: `Workload, ${w.label}`,
        value:
          w.heavyPercent === undefined
            ? `fewer than ${o.minGroupSize} people gave figures: not shown`
            : `${w.people} people: ${w.heavyPercent}% had a heavy week; ${w.violentPercent}% saw violent or sadistic material`,
      })),
    ],
  };
}

export type OverviewResult = { ok: true; card: UnitOverviewCardData } | { ok: false };

export async function showUnitOverview(deps: CareDeps, actor: Actor, months = 6): Promise<OverviewResult> {
  const now = deps.clock.now();
  const viewer = (await identifyPerson(deps, actor))?.value;
  const viewerId = viewer?.id ?? unrosteredId(actor);
  const unit = viewer ? (await deps.units.list()).map((u) => u.value).find((u) => u.departmentHeadId === viewer.id) : undefined;
  if (!unit) {
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: 'unit.overview',
      subject: `unit:${viewer?.unitId ?? 'none'}`,
      reason: 'not the department head',
      outcome: 'denied',
    });
    return { ok: false };
  }
  const overview = await overviewFor(deps, unit.id, lastMonths(localMoment(now).date, months));
  await deps.audit.append({
    at: now.toISOString(),
    actor: viewerId,
    action: 'unit.overview',
    subject: `unit:${unit.id}`,
    reason: 'aggregates',
    outcome: 'ok',
  });
  return { ok: true, card: overviewCardData(unit.name, overview) };
}
