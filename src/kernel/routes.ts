// One route table: each card verb maps to exactly one handler by exact name. Handlers parse their
// payload with a schema, call one workflow, and return the card to show the person who clicked.
import type { Logger } from 'pino';
import { z } from 'zod';
import { DECLARATION_KINDS } from '../features/declarations/kinds.ts';
import { declarationFormCard } from '../features/declarations/form-card.ts';
import { noticeCard } from './notice-card.ts';
import type { Card } from './cards.ts';
import { VERBS, type Verb } from './verbs.ts';
import { welcomeCard } from '../features/declarations/welcome-card.ts';
import type { Actor, WorkflowDeps } from './context.ts';
import { showWelcome } from '../features/declarations/show-welcome.ts';

export interface ActionRequest {
  actor: Actor;
  /** The inbound activity id: a click Teams delivers twice must count once. */
  requestId: string;
  log: Logger;
  displayName?: string;
  data: Record<string, unknown>;
  /** Where the click happened; channel cards need to know. */
  conversation: { kind: 'personal' | 'channel' | 'groupChat'; id: string };
}

export interface VerbRoute {
  schema: z.ZodTypeAny;
  handle(deps: WorkflowDeps, request: ActionRequest, payload: never): Promise<Card>;
}

export function friendlyProblemCard(title: string, lines: string[]): Card {
  return noticeCard({ title, lines: lines.map((text) => ({ text })), showFooter: true });
}

export function declarationForm(kind?: string): Card {
  return declarationFormCard({ kinds: DECLARATION_KINDS.map((k) => ({ title: k.title, value: k.value })), selectedKind: kind ?? '' });
}

const routes = new Map<Verb, VerbRoute>();

export function addRoute<S extends z.ZodTypeAny>(verb: Verb, schema: S, handle: (deps: WorkflowDeps, request: ActionRequest, payload: z.infer<S>) => Promise<Card>): void {
  if (routes.has(verb)) throw new Error(`verb ${verb} has two handlers`);
  routes.set(verb, { schema, handle: handle as VerbRoute['handle'] });
}

export function routeFor(verb: string): VerbRoute | undefined {
  return routes.get(verb as Verb);
}

export function registeredVerbs(): Verb[] {
  return [...routes.keys()];
}

addRoute(VERBS.declarationOpen, z.object({ kind: z.string().max(20).optional() }).passthrough(), async (_deps, _req, payload) => declarationForm(payload.kind));

addRoute(VERBS.statusShow, z.object({}).passthrough(), async (deps, req) => welcomeCard(await showWelcome(deps, req.actor, req.displayName)));
