// Local mode only: fictional pre-deployment journeys (data/demo-journeys.json) loaded on first start
// next to the demo roster, so the annual process review has something to show. The whole file is
// validated first; a bad file loads nothing.
import { z } from 'zod';
import { JOURNEY_STATES, type Journey } from './rules.ts';
import { isIsoDay } from '../../kernel/format.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { JourneyDeps } from './deps.ts';

const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO date and time');
const dayText = z.string().refine(isIsoDay, 'must be a date YYYY-MM-DD');
const state = z.enum(JOURNEY_STATES);
const text = z.string().max(4000);

const journeySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes'),
    candidateId: z.string().min(1),
    unitId: z.string().min(1),
    trainerId: z.string().min(1),
    openedBy: z.string().min(1),
    openedAt: instant,
    plannedStartDate: dayText,
    state,
    agreedAt: instant.optional(),
    exposure: z
      .object({
        at: instant,
        place: text,
        scheduledBy: z.string(),
        scheduledAt: instant,
        outcome: z.enum(['done', 'didNotAttend', 'stoppedEarly']).optional(),
        recordedAt: instant.optional(),
        recordedBy: z.string().optional(),
      })
      .strict()
      .optional(),
    // Issue #14 part 4: the debrief after the controlled exposure (the day only).
    debrief: z.object({ heldOn: dayText, recordedBy: z.string(), recordedAt: instant }).strict().optional(),
    questionnaire: z
      .object({
        sentAt: instant,
        draft: z
          .object({ feelings: text, reservations: text, relevance: text, support: text, willingness: z.enum(['yes', 'notYet', 'no']) })
          .partial()
          .strict()
          .optional(),
        draftSavedAt: instant.optional(),
        answers: z
          .object({ feelings: text, reservations: text, relevance: text, support: text, willingness: z.enum(['yes', 'notYet', 'no']) })
          .strict()
          .optional(),
        submittedAt: instant.optional(),
        remindersSent: z.array(instant).optional(),
        trainerToldUnansweredAt: instant.optional(),
      })
      .strict()
      .optional(),
    trainerReview: z
      .object({ by: z.string(), at: instant, outcome: z.enum(['noConcerns', 'concerns']), note: text.optional() })
      .strict()
      .optional(),
    headReview: z
      .object({
        requestedAt: instant,
        dueBy: instant,
        by: z.string().optional(),
        at: instant.optional(),
        outcome: z.enum(['proceed', 'doNotProceed']).optional(),
        note: text.optional(),
      })
      .strict()
      .optional(),
    attachment: z
      .object({
        offeredBy: z.string(),
        offeredAt: instant,
        from: dayText,
        to: dayText,
        response: z.enum(['accepted', 'declined']).optional(),
        respondedAt: instant.optional(),
      })
      .strict()
      .optional(),
    readyAt: instant.optional(),
    withdrawal: z.object({ at: instant, fromState: state, rationale: text.optional() }).strict().optional(),
    cancellation: z.object({ at: instant, by: z.string(), fromState: state, reason: text }).strict().optional(),
    timeline: z.array(
      z
        .object({
          at: instant,
          event: z.string().regex(/^[a-zA-Z][a-zA-Z.]{0,60}$/, 'must be a domain word, never free text'),
          by: z.string(),
          from: state.optional(),
        })
        .strict(),
    ),
  })
  .strict();

const fileSchema = z.object({ about: z.string().optional(), journeys: z.array(journeySchema) }).strict();

export type ParsedDemoJourneys = { ok: true; journeys: Journey[] } | { ok: false; problems: string[] };

/** Every problem in the file at once: shape, duplicate ids, people and units not on the roster. */
export function parseDemoJourneys(json: unknown, known: { people: Set<string>; units: Set<string> }): ParsedDemoJourneys {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.journeys.forEach((j, i) => {
    const at = `journeys.${i} (${j.id})`;
    if (seen.has(j.id)) problems.push(`${at}: the id is used twice`);
    seen.add(j.id);
    for (const [field, id] of [
      ['candidateId', j.candidateId],
      ['trainerId', j.trainerId],
      ['openedBy', j.openedBy],
    ] as const) {
      if (!known.people.has(id)) problems.push(`${at}: ${field} "${id}" is not on the roster`);
    }
    if (!known.units.has(j.unitId)) problems.push(`${at}: unit "${j.unitId}" is not on the roster`);
    if (j.state === 'withdrawn' && !j.withdrawal) problems.push(`${at}: a withdrawn journey needs "withdrawal"`);
    if (j.state === 'cancelled' && !j.cancellation) problems.push(`${at}: a cancelled journey needs "cancellation"`);
    if (j.state === 'readyToStart' && !j.readyAt) problems.push(`${at}: a journey ready to start needs "readyAt"`);
  });
  return problems.length ? { ok: false, problems } : { ok: true, journeys: parsed.data.journeys as Journey[] };
}

export type SeedResult = { loaded: number } | { skipped: 'journeys exist' } | { problems: string[] };

/** Loads the demo journeys unless any journey exists already. */
export async function seedDemoJourneys(
  deps: Pick<JourneyDeps, 'people' | 'units' | 'absences' | 'journeys' | 'audit' | 'clock'>,
  fileText: string,
): Promise<SeedResult> {
  if ((await deps.journeys.list()).length > 0) return { skipped: 'journeys exist' };
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    return { problems: [`not JSON: ${(error as Error).message}`] };
  }
  const roster = await loadRoster(deps);
  const parsed = parseDemoJourneys(json, {
    people: new Set(roster.people.map((p) => p.id)),
    units: new Set(roster.units.map((u) => u.id)),
  });
  if (!parsed.ok) return { problems: parsed.problems };
  for (const j of parsed.journeys) await deps.journeys.create(j);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: 'system',
    action: 'journeys.seed',
    subject: 'journeys:demo',
    reason: `${parsed.journeys.length} demo journeys loaded (local mode)`,
    outcome: 'ok',
  });
  return { loaded: parsed.journeys.length };
}
