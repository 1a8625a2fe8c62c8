// Card verbs for ongoing care: staged exposure, the supervisors' "my team" card, recording care as
// done, and absences. Every handler re-checks who is clicking in its workflow.
import { z } from 'zod';
import { VERBS } from '../../kernel/verbs.ts';
import { actOnStage, showOwnStage, showSharedReflection, viewStageOf } from './act-on-stage.ts';
import { absenceFormFor, endAbsence, recordAbsence } from './record-absence.ts';
import { recordCare } from './record-care.ts';
import { showTeamCard } from './team-card.ts';
import { showUnitOverview } from './unit-overview.ts';
import { unitOverviewCard } from '../check-ins/index.ts';
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import type { CareDeps } from './deps.ts';
import { RouteList, friendlyProblemCard } from '../../kernel/routes.ts';
import { userText } from '../../kernel/text.ts';
import { NOTE_LIMIT } from './staged-exposure.ts';

export const routes = new RouteList<CareDeps>();

const personId = z
  .string({ required_error: 'That card does not say who it is about.' })
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'That card refers to someone Haven does not know.');
// Over the limit comes back on the card with what was typed (staged-exposure.ts says by how much).
const note = userText('your note', NOTE_LIMIT).optional();

routes.add(VERBS.stageShow, z.object({}).passthrough(), async (deps, req) => showOwnStage(deps, req.actor));
routes.add(VERBS.stageView, z.object({ personId }).passthrough(), async (deps, req, p) => viewStageOf(deps, req.actor, p.personId));
routes.add(
  VERBS.stageReady,
  z.object({}).passthrough(),
  async (deps, req) => (await actOnStage(deps, req.actor, { type: 'sayReady' })).card,
);
routes.add(
  VERBS.stageConfirm,
  z.object({ personId }).passthrough(),
  async (deps, req, p) => (await actOnStage(deps, req.actor, { type: 'confirm' }, p.personId)).card,
);
routes.add(
  VERBS.stagePause,
  z.object({ note }).passthrough(),
  async (deps, req, p) => (await actOnStage(deps, req.actor, { type: 'pause', note: p.note })).card,
);
routes.add(
  VERBS.stageResume,
  z.object({}).passthrough(),
  async (deps, req) => (await actOnStage(deps, req.actor, { type: 'resume' })).card,
);
routes.add(
  VERBS.stageStepBack,
  z.object({ note }).passthrough(),
  async (deps, req, p) => (await actOnStage(deps, req.actor, { type: 'stepBack', note: p.note })).card,
);
routes.add(
  VERBS.stageReflect,
  z
    .object({
      reflection: userText('your reflection', NOTE_LIMIT).optional(),
      share: z.enum(['true', 'false']).optional(),
    })
    .passthrough(),
  async (deps, req, p) =>
    (await actOnStage(deps, req.actor, { type: 'reflect', text: p.reflection ?? '', shared: p.share === 'true' })).card,
);

routes.add(
  VERBS.stageShowReflection,
  z
    .object({
      personId,
      at: z
        .string()
        .max(40)
        .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, 'That card refers to a reflection Haven does not know.'),
    })
    .passthrough(),
  async (deps, req, p) => showSharedReflection(deps, req.actor, p.personId, p.at),
);

// Issue #14 part 4: the discussion about a stage reached, recorded as held (from the digest line, with its date).
routes.add(
  VERBS.stageDiscussionHeld,
  z
    .object({
      personId,
      stage: z.enum(['C', 'B', 'A'], { errorMap: () => ({ message: 'That card refers to a stage Haven does not know.' }) }),
      doneOn: z.string({ required_error: 'Give the date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date (YYYY-MM-DD).'),
    })
    .passthrough(),
  async (deps, req, p) =>
    (await actOnStage(deps, req.actor, { type: 'recordDiscussion', stage: p.stage, heldOn: p.doneOn }, p.personId)).card,
);

routes.add(VERBS.teamShow, z.object({}).passthrough(), async (deps, req) => showTeamCard(deps, req.actor));

const isoDate = z.string({ required_error: 'Give the date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date (YYYY-MM-DD).');
routes.add(
  VERBS.careDone,
  z
    .object({
      personId: personId.optional(),
      item: z.string().max(40).optional(),
      choice: z
        .string()
        .max(120)
        .regex(/^[a-z0-9][a-z0-9._-]*\|[A-Za-z]+$/, 'Choose what took place.')
        .optional(),
      doneOn: isoDate,
    })
    .passthrough()
    .refine((p) => !!p.choice || (!!p.personId && !!p.item), { message: 'Choose what took place.' }),
  async (deps, req, p) => {
    const [who, what] = p.choice ? p.choice.split('|') : [p.personId, p.item];
    return (await recordCare(deps, req.actor, { personId: who!, item: what!, doneOn: p.doneOn }, p.choice ? 'team' : 'reminder')).card;
  },
);

routes.add(VERBS.absenceOpen, z.object({}).passthrough(), async (deps, req) => absenceFormFor(deps, req.actor));
routes.add(
  VERBS.absenceRecord,
  z
    .object({
      supervisorId: personId.optional().or(z.literal('')),
      from: isoDate,
      to: isoDate,
      coverId: personId.optional().or(z.literal('')),
    })
    .passthrough(),
  async (deps, req, p) =>
    (
      await recordAbsence(deps, req.actor, {
        personId: p.supervisorId || undefined,
        from: p.from,
        to: p.to,
        coverId: p.coverId && p.coverId !== 'none' ? p.coverId : undefined,
      })
    ).card,
);
routes.add(
  VERBS.absenceEnd,
  z
    .object({
      absenceId: z
        .string()
        .min(1)
        .max(120)
        .regex(/^[A-Za-z0-9._-]+$/, 'That card refers to an absence Haven does not know.'),
    })
    .passthrough(),
  async (deps, req, p) => (await endAbsence(deps, req.actor, p.absenceId)).card,
);

/** The department head's unit figures (groups of five or more only). */
export async function unitOverviewCardFor(deps: CareDeps, actor: Actor): Promise<Card> {
  const r = await showUnitOverview(deps, actor);
  if (r.ok) return unitOverviewCard(r.card);
  return friendlyProblemCard('The unit overview is for the department head', [
    'Only the department head of a unit can open its overview. Nothing was shown or changed.',
  ]);
}

routes.add(VERBS.unitOverview, z.object({}).passthrough(), async (deps, req) => unitOverviewCardFor(deps, req.actor));
