// Card verbs of the admin card. Every click re-checks that the clicker is an administrator (admin-card.ts).
import { z } from 'zod';
import { VERBS } from '../../kernel/verbs.ts';
import { RouteList } from '../../kernel/routes.ts';
import type { OperationsDeps } from './deps.ts';
import { rerunRosterSync, retryDeadLetter, showAdminCard } from './admin-card.ts';

export const routes = new RouteList<OperationsDeps>();

routes.add(VERBS.adminShow, z.object({}).passthrough(), (deps, req) => showAdminCard(deps, req.actor));

routes.add(
  VERBS.adminRetry,
  z
    .object({
      messageId: z
        .string({
          required_error: 'That card does not say which message to retry.',
          invalid_type_error: 'That card refers to a message Haven does not know.',
        })
        .min(1, 'That card does not say which message to retry.')
        .max(400, 'That card refers to a message Haven does not know.'),
    })
    .passthrough(),
  (deps, req, p) => retryDeadLetter(deps, req.actor, p.messageId),
);

routes.add(VERBS.adminResync, z.object({}).passthrough(), (deps, req) => rerunRosterSync(deps, req.actor));
