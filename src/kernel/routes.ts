// Card verbs: each feature lists its own (routes.ts), and src/teams builds one table from FEATURES,
// refusing a verb with two handlers. A handler parses its payload with a schema, calls one workflow
// and returns the card to show the person who clicked.
import type { Logger } from 'pino';
import type { z } from 'zod';
import { noticeCard } from './notice-card.ts';
import type { Card } from './cards.ts';
import type { Verb } from './verbs.ts';
import type { Actor } from './context.ts';

export interface ActionRequest {
  actor: Actor;
  /** The inbound activity id: a click Teams delivers twice must count once. */
  requestId: string;
  log: Logger;
  displayName?: string;
  data: Record<string, unknown>;
  /**
   * The Teams message holding the clicked card, which the answer to an Action.Execute replaces
   * (undefined for an Action.Submit, whose answer is a new message). Lets a workflow update the card
   * it answered with later, through the outbox (Notifier.recordShown).
   */
  cardActivityId?: string;
  /** Where the click happened; channel cards need to know. */
  conversation: { kind: 'personal' | 'channel' | 'groupChat'; id: string };
}

export interface Route<D> {
  verb: Verb;
  schema: z.ZodTypeAny;
  handle(deps: D, request: ActionRequest, payload: never): Promise<Card>;
}

/** A feature's card verbs, in the order it declares them. */
export class RouteList<D> {
  readonly all: Route<D>[] = [];

  add<S extends z.ZodTypeAny>(
    verb: Verb,
    schema: S,
    handle: (deps: D, request: ActionRequest, payload: z.infer<S>) => Promise<Card>,
  ): void {
    if (this.all.some((r) => r.verb === verb)) throw new Error(`verb ${verb} has two handlers`);
    this.all.push({ verb, schema, handle: handle as Route<D>['handle'] });
  }
}

export function friendlyProblemCard(title: string, lines: string[]): Card {
  return noticeCard({ title, lines: lines.map((text) => ({ text })), showFooter: true });
}
