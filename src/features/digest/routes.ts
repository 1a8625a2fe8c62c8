// Card verbs of the digest: show the list (refresh, or the rest of a long one) and put aside a line
// that asks for no record. Other lines' buttons are the posting feature's own verbs.
import { z } from 'zod';
import { VERBS } from '../../kernel/verbs.ts';
import { RouteList } from '../../kernel/routes.ts';
import type { DigestDeps } from './deps.ts';
import { dismissLine, showDigest } from './show-digest.ts';

export const routes = new RouteList<DigestDeps>();

routes.add(
  VERBS.digestShow,
  z.object({ from: z.coerce.number().int().min(0).max(10_000).optional() }).passthrough(),
  async (deps, req, p) => showDigest(deps, req.actor, p.from ?? 0),
);
routes.add(
  VERBS.digestDismiss,
  z
    .object({
      trayKey: z
        .string({ required_error: 'That card does not say which line.' })
        .min(1)
        .max(300)
        .regex(/^[a-z][a-zA-Z]*:[^\s]+$/, 'That card refers to a line Haven does not know.'),
      digest: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    })
    .passthrough(),
  async (deps, req, p) => dismissLine(deps, req.actor, p.trayKey, p.digest),
);
