// Card verbs for concerns. Each handler parses its payload, calls one workflow (which checks who is
// clicking again) and returns the card for that person.
import { z } from 'zod';
import { RouteList } from '../../kernel/routes.ts';
import { userText } from '../../kernel/text.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { actOnConcern } from './act-on-concern.ts';
import type { ConcernDeps } from './deps.ts';
import { NOTE_MAX_BYTES, OUTCOME_NOTE_MAX_BYTES } from './model.ts';
import { openColleagueForm, openNoticedForm, raiseConcern } from './raise-concern.ts';

export const routes = new RouteList<ConcernDeps>();

const concernId = z
  .string({
    required_error: 'That card does not say which prompt it is about.',
    invalid_type_error: 'That card refers to a prompt Haven does not know.',
  })
  .max(200, 'That card refers to a prompt Haven does not know.')
  .regex(/^concern-[A-Za-z0-9._-]+$/, 'That card refers to a prompt Haven does not know.');

// A roster id from the form's list (checked again against the list by the workflow), never typed.
const personId = z
  .string({ invalid_type_error: 'That card refers to someone Haven does not know.' })
  .max(200, 'That card refers to someone Haven does not know.');
const choice = (what: string) =>
  z.string({ invalid_type_error: `${what} was not one of the choices.` }).max(40, `${what} was not one of the choices.`);

const raise = z
  .object({
    personId: personId.optional(),
    category: choice('What it is about').optional(),
    route: choice('Who should be told').optional(),
    note: userText('your note', NOTE_MAX_BYTES).optional(),
  })
  .passthrough();

routes.add(VERBS.concernOpen, z.object({}).passthrough(), async (deps, req) => openColleagueForm(deps, req.actor));

routes.add(VERBS.concernRaise, raise, async (deps, req, p) =>
  raiseConcern(deps, req.actor, req.requestId, { personId: p.personId, category: p.category, route: p.route, note: p.note }, 'colleague'),
);

routes.add(VERBS.concernNoticeOpen, z.object({ personId: personId.optional() }).passthrough(), async (deps, req, p) =>
  openNoticedForm(deps, req.actor, p.personId),
);

routes.add(VERBS.concernNotice, raise, async (deps, req, p) =>
  raiseConcern(deps, req.actor, req.requestId, { personId: p.personId, category: p.category, note: p.note }, 'noticed'),
);

routes.add(VERBS.concernShow, z.object({ concernId }).passthrough(), async (deps, req, p) =>
  actOnConcern(deps, req.actor, p.concernId, 'show'),
);

routes.add(VERBS.concernAcknowledge, z.object({ concernId }).passthrough(), async (deps, req, p) =>
  actOnConcern(deps, req.actor, p.concernId, 'acknowledge'),
);

routes.add(
  VERBS.concernRecord,
  z
    .object({
      concernId,
      outcome: choice('What happened').optional(),
      outcomeNote: userText('your note', OUTCOME_NOTE_MAX_BYTES).optional(),
    })
    .passthrough(),
  async (deps, req, p) => actOnConcern(deps, req.actor, p.concernId, 'record', { outcome: p.outcome, outcomeNote: p.outcomeNote }),
);
