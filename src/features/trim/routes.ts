// Card verbs of TRiM follow-ups. Each handler parses its payload and calls one workflow, which
// re-checks who is clicking (policy.ts) at the moment of the click.
import { z } from 'zod';
import { RouteList } from '../../kernel/routes.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { TrimDeps } from './deps.ts';
import { actOnTrim, answerTrimQuestion, listTrim, offerTrim, requestTrim, showTrim } from './follow-ups.ts';
import { trimListCard } from './cards.ts';
import { listCardData } from './views.ts';

export const routes = new RouteList<TrimDeps>();

const UNKNOWN = 'That card refers to a follow-up Haven does not know.';
const followUpId = z
  .string({ required_error: 'That card does not say which follow-up it is.', invalid_type_error: UNKNOWN })
  .max(160, UNKNOWN)
  .regex(/^trim-[A-Za-z0-9._:-]+$/, UNKNOWN);

routes.add(
  VERBS.trimAnswer,
  z
    .object({
      followUpId,
      answer: z.enum(['yes', 'notNow'], { errorMap: () => ({ message: 'Choose "Yes, I\'d like that" or "Not now".' }) }),
    })
    .passthrough(),
  async (deps, req, p) => answerTrimQuestion(deps, req.actor, p.followUpId, p.answer),
);
routes.add(VERBS.trimRequest, z.object({}).passthrough(), async (deps, req) => requestTrim(deps, req.actor));
routes.add(
  VERBS.trimOffer,
  z
    .object({
      personId: z
        .string({ required_error: 'Choose who to offer it to.', invalid_type_error: 'Choose who to offer it to.' })
        .min(1, 'Choose who to offer it to.')
        .max(64, 'Choose who to offer it to.')
        .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Choose who to offer it to.'),
    })
    .passthrough(),
  async (deps, req, p) => offerTrim(deps, req.actor, p.personId),
);
routes.add(
  VERBS.trimList,
  z.object({}).passthrough(),
  async (deps, req) => (await listTrim(deps, req.actor)) ?? trimListCard(listCardData([], '', { people: [], units: [], absences: [] })),
);
routes.add(VERBS.trimShow, z.object({ followUpId }).passthrough(), async (deps, req, p) => showTrim(deps, req.actor, p.followUpId));
routes.add(VERBS.trimAcknowledge, z.object({ followUpId }).passthrough(), async (deps, req, p) =>
  actOnTrim(deps, req.actor, p.followUpId, { type: 'acknowledge' }),
);
routes.add(
  VERBS.trimRecord,
  z
    .object({
      followUpId,
      outcome: z.enum(['held', 'notArranged'], { errorMap: () => ({ message: 'Choose "Held" or "Could not be arranged".' }) }),
      heldOn: z.string({ invalid_type_error: 'Give the date it was held.' }).max(10, 'Give the date it was held.').optional(),
    })
    .passthrough(),
  async (deps, req, p) =>
    actOnTrim(deps, req.actor, p.followUpId, { type: 'record', outcome: p.outcome, ...(p.outcome === 'held' ? { heldOn: p.heldOn } : {}) }),
);
