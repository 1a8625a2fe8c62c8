// Card verbs for the annual suitability questionnaire. Each handler parses its payload and calls one
// workflow, which re-checks who is clicking (the person, or whoever is responsible for them).
import { z } from 'zod';
import { VERBS } from '../../kernel/verbs.ts';
import { REVIEW_OUTCOMES, SUITABILITY_MAX_CHARS } from './rules.ts';
import { userText } from '../../kernel/text.ts';
import {
  openSuitability,
  reviewSuitability,
  showAllSuitability,
  saveSuitabilityDraft,
  submitSuitability,
  viewSuitability,
} from './suitability.ts';
import type { SuitabilityDeps } from './deps.ts';
import { RouteList } from '../../kernel/routes.ts';

export const routes = new RouteList<SuitabilityDeps>();

const questionnaireId = z
  .string({
    required_error: 'That card does not say which questionnaire it is.',
    invalid_type_error: 'That card refers to a questionnaire Haven does not know.',
  })
  .max(120, 'That card refers to a questionnaire Haven does not know.')
  .regex(/^suitability:[a-z0-9][a-z0-9._-]*:\d{4}-\d{2}-\d{2}$/, 'That card refers to a questionnaire Haven does not know.');

routes.add(VERBS.suitabilityOpen, z.object({}).passthrough(), async (deps, req) => openSuitability(deps, req.actor));
// Answers are validated in the workflow so a problem comes back on the form with what was typed.
routes.add(VERBS.suitabilitySave, z.object({ questionnaireId }).passthrough(), async (deps, req, p) =>
  saveSuitabilityDraft(deps, req.actor, p.questionnaireId, req.data),
);
routes.add(VERBS.suitabilitySubmit, z.object({ questionnaireId }).passthrough(), async (deps, req, p) =>
  submitSuitability(deps, req.actor, p.questionnaireId, req.data),
);
routes.add(VERBS.suitabilityView, z.object({ questionnaireId }).passthrough(), async (deps, req, p) =>
  viewSuitability(deps, req.actor, p.questionnaireId),
);
routes.add(
  VERBS.suitabilityShowAll,
  z
    .object({
      questionnaireId,
      field: z.enum(['work', 'coping', 'support', 'forSupervisor', 'reviewNote'], {
        errorMap: () => ({ message: 'That card refers to something Haven does not know.' }),
      }),
    })
    .passthrough(),
  async (deps, req, p) => showAllSuitability(deps, req.actor, p.questionnaireId, p.field),
);
routes.add(
  VERBS.suitabilityReview,
  z
    .object({
      questionnaireId,
      outcome: z.enum(REVIEW_OUTCOMES.map((o) => o.value) as [string, ...string[]], {
        errorMap: () => ({ message: 'Choose "no concerns" or "follow-up agreed".' }),
      }),
      reviewNote: userText('your note', SUITABILITY_MAX_CHARS).optional(),
    })
    .passthrough(),
  async (deps, req, p) => reviewSuitability(deps, req.actor, p.questionnaireId, { outcome: p.outcome, note: p.reviewNote }),
);
