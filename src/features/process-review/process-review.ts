// The annual process review: for an administrator's export, and for department heads and trainers
// in Teams. Every read by someone other than the candidate is audited; a refusal is audited as
// 'denied' and shows nothing.
import { buildProcessReview, journeyDetail, type JourneyDetail, type ProcessReview, type ReviewPeriod } from './rules.ts';
import { mayOpenJourneyDetail, reviewAccessFor } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import type { Actor } from '../../kernel/context.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { ProcessReviewDeps } from './deps.ts';
import { beginTurn } from '../../kernel/turn.ts';

export const REVIEW_REASON = 'annual process review';

type Deps = Pick<ProcessReviewDeps, 'people' | 'units' | 'absences' | 'journeys' | 'audit' | 'clock'>;

async function allJourneys(deps: Deps) {
  return (await deps.journeys.list()).map((v) => v.value);
}

/** For the admin export (npm run report): whoever runs it has the storage keys already. */
export async function exportProcessReview(
  deps: Deps,
  period: ReviewPeriod,
  unitId: string | undefined,
  actor = 'admin-cli',
): Promise<ProcessReview> {
  const roster = await loadRoster(deps);
  const review = buildProcessReview(await allJourneys(deps), roster, period, unitId ? [unitId] : undefined, deps.clock.now());
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor,
    action: 'report.predeployment',
    subject: `report:predeployment:${period.from}:${period.to}${unitId ? `:${unitId}` : ''}`,
    reason: `${REVIEW_REASON}: ${review.rows.length} journeys exported`,
    outcome: 'ok',
  });
  return review;
}

export type ShowReviewResult =
  { ok: true; review: ProcessReview; viewerId: string; canOpenDetail: boolean } | { ok: false; viewerId: string };

async function viewer(
  deps: Deps,
  actor: Actor,
): Promise<{ viewerId: string; roster: Roster; person: Roster['people'][number] | undefined }> {
  const { viewerId, roster, person: found } = await beginTurn(deps, actor);
  // The roster copy is the one access is decided on (a person removed since has no access).
  const person = found ? roster.people.find((p) => p.id === found.id) : undefined;
  return { viewerId, roster, person };
}

/** The review for a department head (units they head) or a trainer (their unit). */
export async function showProcessReview(deps: Deps, actor: Actor, period: ReviewPeriod): Promise<ShowReviewResult> {
  const { viewerId, roster, person } = await viewer(deps, actor);
  const access = reviewAccessFor(person, roster);
  const at = deps.clock.now().toISOString();
  if (!access) {
    await deps.audit.append({
      at,
      actor: viewerId,
      action: 'review.read',
      subject: 'review:predeployment',
      reason: `${REVIEW_REASON}: not a department head or trainer`,
      outcome: 'denied',
    });
    return { ok: false, viewerId };
  }
  const review = buildProcessReview(await allJourneys(deps), roster, period, access.unitIds, deps.clock.now());
  await deps.audit.append({
    at,
    actor: viewerId,
    action: 'review.read',
    subject: `review:predeployment:${access.unitIds.join('+')}`,
    reason: `${REVIEW_REASON}: ${period.from} to ${period.to}, ${review.rows.length} journeys`,
    outcome: 'ok',
  });
  return { ok: true, review, viewerId, canOpenDetail: access.canOpenDetail };
}

export type JourneyDetailResult = { ok: true; detail: JourneyDetail; viewerId: string } | { ok: false; viewerId: string };

/** One journey's dates and timeline, for a department head of its unit only. The read is audited. */
export async function readJourneyForReview(deps: Deps, actor: Actor, journeyId: string): Promise<JourneyDetailResult> {
  const { viewerId, roster, person } = await viewer(deps, actor);
  const stored = await deps.journeys.get(journeyId);
  const allowed = !!stored && mayOpenJourneyDetail(person, roster, stored.value);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: viewerId,
    action: 'journey.read',
    subject: `journey:${journeyId.slice(0, 80)}`,
    ...(stored ? { about: stored.value.candidateId } : {}),
    reason: stored ? REVIEW_REASON : `${REVIEW_REASON}: not found`,
    outcome: allowed ? 'ok' : 'denied',
  });
  if (!allowed || !stored) return { ok: false, viewerId };
  return { ok: true, detail: journeyDetail(stored.value, roster), viewerId };
}
