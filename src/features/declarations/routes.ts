// Card verbs for declarations. Every handler re-checks who is clicking (in the workflow), and in a
// channel a person who is not entitled gets the neutral card only.
import { z } from 'zod';
import { alertCard, channelAlertCard, declarationConfirmationCard, declarationListCard, declarationStatusCard, moveCard } from './cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Card } from '../../kernel/cards.ts';
import { VERBS } from '../../kernel/verbs.ts';
import {
  ADJUSTMENTS,
  ASSESSMENT_NOTES_MAX_CHARS,
  DESTINATION_MAX_BYTES,
  NOTE_MAX_CHARS,
  isOpen,
  type Action,
  type Declaration,
  type TimelineEntry,
} from './rules.ts';
import type { Roster } from '../../kernel/types.ts';
import { actOnDeclaration, readDeclaration, readMoveCard } from './act-on-declaration.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { declarationContext } from './declaration-context.ts';
import { channelView, moveView, ownerListView, ownerView, responderView, routeChoicesView, type RouteChoiceView } from './views.ts';
import { routeOptions } from '../../kernel/first-route.ts';
import { CONTACT_KINDS } from '../../kernel/contacts.ts';
import { identifyPerson } from '../../kernel/identify-person.ts';
import type { Actor } from '../../kernel/context.ts';
import { entitledViewers, mayOpenMoveCard, maySeeNote } from './policy.ts';
import { fullTextCard } from '../../kernel/full-text-card.ts';
import { formatTime, nameIn } from '../../kernel/format.ts';
import { RouteNotAvailable, raiseDeclaration } from './raise-declaration.ts';
import { reviewDateProblem } from './off-viewing.ts';
import { DECLARATION_KINDS } from './kinds.ts';
import { declarationFormCard } from './form-card.ts';
import { welcomeCard } from './welcome-card.ts';
import { showWelcome } from './show-welcome.ts';
import { RouteList, type ActionRequest } from '../../kernel/routes.ts';
import type { TellFirst } from '../../kernel/first-route.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { couldNotStore, tooLongProblem, userText } from '../../kernel/text.ts';
import type { DeclarationDeps } from './deps.ts';

export const routes = new RouteList<DeclarationDeps>();

type FormTyped = { note?: string; share?: string; notice?: string; tellFirst?: string; alsoTell?: string; reviewOn?: string };

/** The private "I'm not okay" form, with what the person asked for already chosen; when Haven
 * refuses a request it comes back with what was typed and why. `choices`: whom they may tell first,
 * each with who will be told what (none: the form for someone Haven does not know yet). */
export function declarationForm(kind?: string, typed: FormTyped = {}, choices: RouteChoiceView[] = [], hasSupervisor = false): Card {
  const offered = choices.length > 1;
  return declarationFormCard({
    reviewOn: typed.reviewOn ?? '',
    kinds: DECLARATION_KINDS.map((k) => ({ title: k.title, value: k.value })),
    selectedKind: kind ?? '',
    note: typed.note ?? '',
    share: typed.share ?? 'supervisor',
    notice: typed.notice ?? '',
    showChoice: offered,
    tellChoices: choices.map((c) => ({ title: c.title, value: c.value })),
    tellFirst: choices.some((c) => c.value === typed.tellFirst) ? typed.tellFirst! : 'supervisor',
    routeLines: offered ? choices.map((c) => ({ text: `${c.title}: ${c.text}` })) : [],
    showAlsoTell: offered && hasSupervisor,
    alsoTell: typed.alsoTell === 'true' ? 'true' : 'false',
  });
}

/** The form for this person: their choices of whom to tell first, computed by the rule a raise uses. */
export async function declarationFormFor(
  deps: DeclarationDeps,
  actor: Actor | undefined,
  kind?: string,
  typed: FormTyped = {},
): Promise<Card> {
  try {
    const found = actor ? await identifyPerson(deps, actor) : undefined;
    if (!found) return declarationForm(kind, typed);
    const roster = await loadRoster(deps);
    const options = routeOptions(deps, found.value, roster, deps.clock.now(), { dutyCover: true });
    return declarationForm(kind, typed, routeChoicesView(options, roster, kind), !!options[0]?.lineSupervisorId);
  } catch {
    // Words of distress are never met with an error: without the roster (storage down) the form still
    // comes, and its request goes to their supervisor, the default.
    return declarationForm(kind, typed);
  }
}

routes.add(VERBS.declarationOpen, z.object({ kind: z.string().max(20).optional() }).passthrough(), async (deps, req, payload) =>
  declarationFormFor(deps, req.actor, payload.kind),
);

routes.add(VERBS.statusShow, z.object({}).passthrough(), async (deps, req) =>
  welcomeCard(await showWelcome(deps, req.actor, req.displayName)),
);

const declarationId = z
  .string({
    required_error: 'That card does not say which request it is about.',
    invalid_type_error: 'That card refers to a request Haven does not know.',
  })
  .regex(/^decl-[0-9a-f]{24}$/, 'That card refers to a request Haven does not know.');

function neutralFor(req: ActionRequest, d: Declaration | undefined, roster: Roster, deps: DeclarationDeps): Card {
  if (req.conversation.kind === 'channel' && d) {
    const ctx = declarationContext(deps, d, roster);
    return channelAlertCard(channelView(d, roster, ctx));
  }
  return noticeCard({
    title: 'This is not yours to open',
    lines: [{ text: 'Only the people responsible for this request can see it. Nothing was changed.' }],
    showFooter: true,
  });
}

type Typed = { adjustments?: string; notes?: string; outcome?: string; moveOn?: string; destination?: string };

function responderCard(
  req: ActionRequest,
  d: Declaration,
  viewerId: string,
  roster: Roster,
  deps: DeclarationDeps,
  notice = '',
  typed: Typed = {},
): Card {
  const ctx = declarationContext(deps, d, roster);
  const refresh =
    req.conversation.kind === 'channel'
      ? {
          declarationId: d.id,
          userIds: entitledViewers(d, ctx)
            .map((id) => roster.people.find((p) => p.id === id)?.teamsUserId)
            .filter((x): x is string => !!x),
        }
      : undefined;
  return alertCard(responderView(d, viewerId, roster, ctx, notice, typed), refresh);
}

const DONE_EVENT: Partial<Record<Action['type'], TimelineEntry['event']>> = {
  acknowledge: 'acknowledged',
  recordRiskAssessment: 'riskAssessed',
  confirmAccessRemoved: 'accessRemovalConfirmed',
  recordRedeployment: 'redeploymentHeld',
  bookRedeployment: 'redeploymentBooked',
  recordMoveDone: 'moveDone',
};

const DONE_WORDS: Partial<Record<TimelineEntry['event'], string>> = {
  acknowledged: 'acknowledged',
  riskAssessed: 'risk assessment recorded',
  accessRemovalConfirmed: 'access removal confirmed',
  redeploymentHeld: 'redeployment discussion recorded',
  redeploymentBooked: 'discussion booked',
  moveDone: 'move recorded as done',
};

function alreadyDone(d: Declaration, action: Action, roster: Roster): string {
  const name = nameIn(roster);
  const event = DONE_EVENT[action.type];
  const entry = event ? [...d.timeline].reverse().find((e) => e.event === event) : undefined;
  if (entry)
    return `Already done: ${DONE_WORDS[entry.event] ?? 'recorded'} by ${name(entry.personId ?? 'system')} at ${formatTime(entry.at)}.`;
  return 'Nothing changed: this was already done.';
}

/** `typed`: what the responder typed into the card, shown back on it when the action is refused. */
async function act(deps: DeclarationDeps, req: ActionRequest, id: string, action: Action, typed?: Typed): Promise<Card> {
  let r: Awaited<ReturnType<typeof actOnDeclaration>>;
  try {
    r = await actOnDeclaration(deps, req.actor, id, action);
  } catch (error) {
    if (!typed) throw error;
    // Storage down or refusing: the card comes back with what they typed, so saving again is one click.
    req.log.error(
      { err: { name: (error as Error).name, message: (error as Error).message } },
      'declaration action could not be stored; card returned with what was typed',
    );
    const read = await readDeclaration(deps, req.actor, id, 'refused action');
    if (!read.declaration || !read.allowed || read.declaration.personId === read.viewerId) throw error;
    return responderCard(
      req,
      read.declaration,
      read.viewerId,
      read.roster,
      deps,
      // Within every field's budget a request always fits one row: storage being down is the one cause.
      couldNotStore(error, { tooLarge: 'Haven could not save this just now.' }).message,
      typed,
    );
  }
  if (!r.ok) {
    if (!r.declaration || !r.roster || !r.viewerId)
      return neutralFor(req, r.declaration, r.roster ?? { people: [], units: [], absences: [] }, deps);
    const notice = `${r.rejection.message} Nothing was changed.`;
    if (r.declaration.personId === r.viewerId) return declarationStatusCard({ ...ownerView(r.declaration, r.roster, undefined), notice });
    const ctx = declarationContext(deps, r.declaration, r.roster);
    // A responder pressing a button that is not theirs (e.g. the department head's) keeps their view.
    const canView = entitledViewers(r.declaration, ctx).includes(r.viewerId);
    if (r.rejection.code === 'notEntitled' && !canView) return neutralFor(req, r.declaration, r.roster, deps);
    return responderCard(req, r.declaration, r.viewerId, r.roster, deps, notice, typed);
  }
  const notice = r.changed ? '' : alreadyDone(r.declaration, action, r.roster);
  if (r.declaration.personId === r.viewerId) return declarationStatusCard(ownerView(r.declaration, r.roster, undefined));
  return responderCard(req, r.declaration, r.viewerId, r.roster, deps, notice);
}

const byId = z.object({ declarationId }).passthrough();

routes.add(
  VERBS.declarationRaise,
  z
    .object({
      kind: z.enum(['talk', 'break', 'leave'], {
        errorMap: () => ({ message: 'Choose what you need: talk to someone, a break from viewing, or to leave the unit.' }),
      }),
      note: userText('your note', NOTE_MAX_CHARS).optional(),
      share: z.enum(['supervisor', 'supervisorAndHead']).optional(),
      tellFirst: z
        .enum(['supervisor', ...CONTACT_KINDS.map((k) => k.value)] as [string, ...string[]], {
          errorMap: () => ({ message: 'Choose who should be told first from the list.' }),
        })
        .optional(),
      alsoTellSupervisor: z
        .enum(['true', 'false'], { errorMap: () => ({ message: 'The choice about your supervisor could not be read.' }) })
        .optional(),
      // A break's review date (issue 14, part 1); checked below with a plain reason.
      reviewOn: z.string().max(40).optional(),
    })
    .passthrough(),
  async (deps, req, payload) => {
    const typed = {
      note: payload.note,
      share: payload.share,
      tellFirst: payload.tellFirst,
      alsoTell: payload.alsoTellSupervisor,
      reviewOn: payload.reviewOn,
    };
    const reviewOn = payload.kind === 'break' && payload.reviewOn?.trim() ? payload.reviewOn.trim() : undefined;
    // Every problem at once: a note too long and a review date Haven cannot use.
    const problems = [
      tooLongProblem('your note', payload.note, NOTE_MAX_CHARS),
      reviewOn ? reviewDateProblem(reviewOn, deps.clock.now()) : undefined,
    ].filter((p): p is string => !!p);
    if (problems.length)
      return declarationFormFor(deps, req.actor, payload.kind, { ...typed, notice: `${problems.join(' ')} Nothing was sent yet.` });
    let r: Awaited<ReturnType<typeof raiseDeclaration>>;
    try {
      r = await raiseDeclaration(
        deps,
        req.actor,
        {
          kind: payload.kind,
          note: payload.note,
          share: payload.share ?? 'supervisor',
          tellFirst: payload.tellFirst as TellFirst | undefined,
          alsoTellSupervisor: payload.alsoTellSupervisor === 'true',
          reviewOn,
          requestId: req.requestId,
          // The confirmation replaces the form in the person's own chat, where its later update goes.
          shownIn: req.conversation.kind === 'personal' ? req.cardActivityId : undefined,
        },
        req.log,
      );
    } catch (error) {
      if (error instanceof RouteNotAvailable)
        return declarationFormFor(deps, req.actor, payload.kind, {
          ...typed,
          tellFirst: 'supervisor',
          notice:
            'The person you chose cannot be told just now (they may be away). Nothing was sent yet: choose again below. If you need someone right now: Samaritans, free, day or night, 116 123.',
        });
      // Storage down or refusing: the form comes back with the note, so sending again is one click.
      req.log.error(
        { err: { name: (error as Error).name, message: (error as Error).message } },
        'declaration could not be stored; form returned with what was typed',
      );
      const again = {
        ...typed,
        notice:
          'Haven could not send this just now. Everything you typed is still here: please press Send again in a moment. If you need someone right now: Samaritans, free, day or night, 116 123.',
      };
      return declarationFormFor(deps, req.actor, payload.kind, again);
    }
    return declarationConfirmationCard(r.confirmation);
  },
);

routes.add(VERBS.declarationStatus, z.object({ declarationId: declarationId.optional() }).passthrough(), async (deps, req, payload) =>
  statusCardFor(deps, req, payload.declarationId),
);

export async function statusCardFor(deps: DeclarationDeps, req: Pick<ActionRequest, 'actor'>, id?: string): Promise<Card> {
  const viewerId = await viewerIdOf(deps, req.actor);
  let d: Declaration | undefined;
  let roster: Roster | undefined;
  if (id) {
    const r = await readDeclaration(deps, req.actor, id, 'status');
    if (r.declaration?.personId === viewerId) {
      d = r.declaration;
      roster = r.roster;
    }
  } else {
    const mine = (await deps.declarations.listForPerson(viewerId)).map((v) => v.value).sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    const open = mine.filter(isOpen);
    // Every open request, each with who has it now; one open request (or none: the latest) in full.
    // (listForPerson answers the viewer's own requests: nothing of anyone else's is read.)
    if (open.length > 1) return declarationListCard(ownerListView(open, await loadRoster(deps)));
    d = open[0] ?? mine[0];
    if (d) roster = (await readDeclaration(deps, req.actor, d.id, 'status')).roster;
  }
  if (!d || !roster)
    return noticeCard({
      title: 'You have no requests',
      lines: [{ text: 'When you ask for help, you can follow it here step by step.' }],
      showFooter: true,
    });
  const person = roster.people.find((p) => p.id === viewerId);
  return declarationStatusCard(ownerView(d, roster, person?.viewingStatus));
}

routes.add(VERBS.declarationWithdraw, byId, async (deps, req, p) => act(deps, req, p.declarationId, { type: 'withdraw' }));

routes.add(VERBS.alertView, byId, async (deps, req, p) => {
  const r = await readDeclaration(
    deps,
    req.actor,
    p.declarationId,
    req.conversation.kind === 'channel' ? 'channel card refresh' : 'alert card',
  );
  if (!r.declaration || r.declaration.personId === r.viewerId) {
    if (r.declaration) return declarationStatusCard(ownerView(r.declaration, r.roster, undefined));
    const any = await deps.declarations.get(p.declarationId);
    return neutralFor(req, any?.value, r.roster, deps);
  }
  return responderCard(req, r.declaration, r.viewerId, r.roster, deps);
});

// "Show all" on a shortened note: read and audited like the alert card, then maySeeNote re-checked now.
routes.add(VERBS.alertShowNote, byId, async (deps, req, p) => {
  const r = await readDeclaration(deps, req.actor, p.declarationId, 'show all: note');
  const d = r.declaration;
  if (!d || !r.ctx || !d.note || !maySeeNote(d, r.viewerId, r.ctx)) {
    if (d && d.personId !== r.viewerId)
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor: r.viewerId,
        action: 'declaration.read',
        subject: `declaration:${d.id}`,
        about: d.personId,
        reason: 'show all: note not shared with them',
        outcome: 'denied',
      });
    return noticeCard({
      title: 'There is no note for you to see here',
      lines: [{ text: 'Only the people the person chose to share their note with can read it. Nothing was changed.' }],
      showFooter: true,
    });
  }
  const name = nameIn(r.roster);
  return fullTextCard({
    title: d.personId === r.viewerId ? 'Your note' : `${name(d.personId)}: their note (shared with you)`,
    label: `With the request raised ${formatTime(d.raisedAt)}`,
    text: d.note,
    forOthers: d.personId !== r.viewerId,
  });
});

routes.add(VERBS.alertAcknowledge, byId, async (deps, req, p) => act(deps, req, p.declarationId, { type: 'acknowledge' }));

const adjustmentValues = ADJUSTMENTS.map((a) => a.value) as [string, ...string[]];
routes.add(
  VERBS.alertAssess,
  byId.extend({
    adjustments: z.string().max(500).optional(),
    notes: userText('your assessment note', ASSESSMENT_NOTES_MAX_CHARS).optional(),
  }),
  async (deps, req, p) => {
    // Input.ChoiceSet with isMultiSelect sends a comma-separated string.
    const chosen = (p.adjustments ?? '')
      .split(',')
      .map((s: string) => s.trim())
      .filter(Boolean);
    const unknown = chosen.filter((c: string) => !adjustmentValues.includes(c));
    if (unknown.length)
      return noticeCard({
        title: 'Something in that card was not right',
        lines: [{ text: 'An adjustment was not recognised. Nothing was changed.' }],
        showFooter: true,
      });
    return act(
      deps,
      req,
      p.declarationId,
      { type: 'recordRiskAssessment', adjustments: chosen as never, notes: p.notes },
      { adjustments: p.adjustments ?? '', notes: p.notes ?? '' },
    );
  },
);

routes.add(VERBS.alertConfirmAccess, byId, async (deps, req, p) => act(deps, req, p.declarationId, { type: 'confirmAccessRemoved' }));

routes.add(
  VERBS.alertReassign,
  byId.extend({ toPersonId: z.string().min(1, 'Choose who to reassign to.').max(64) }),
  async (deps, req, p) => act(deps, req, p.declarationId, { type: 'reassign', toPersonId: p.toPersonId }),
);

routes.add(VERBS.alertEscalate, byId, async (deps, req, p) => act(deps, req, p.declarationId, { type: 'escalateNow' }));

routes.add(
  VERBS.redeploymentBook,
  byId.extend({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the date of the discussion.') }),
  async (deps, req, p) => act(deps, req, p.declarationId, { type: 'bookRedeployment', on: p.on }),
);

// The discussion's outcome: every problem with what was typed is listed at once (rules.ts), and the
// card comes back with what was typed.
routes.add(
  VERBS.redeploymentRecord,
  byId.extend({
    outcome: z.string().max(40).optional(),
    moveOn: z.string().max(20).optional(),
    destination: userText('where they move to', DESTINATION_MAX_BYTES).optional(),
  }),
  async (deps, req, p) =>
    act(
      deps,
      req,
      p.declarationId,
      { type: 'recordRedeployment', outcome: p.outcome, moveOn: p.moveOn, destination: p.destination },
      { outcome: p.outcome ?? '', moveOn: p.moveOn ?? '', destination: p.destination ?? '' },
    ),
);

/**
 * The move card for whoever may open it (HR / resource planning, the department head); anyone else
 * gets the neutral card. In a channel nobody is shown a move: the card is a personal one.
 */
function moveCardOrNeutral(req: ActionRequest, d: Declaration, viewerId: string, roster: Roster, deps: DeclarationDeps, notice = ''): Card {
  const ctx = declarationContext(deps, d, roster);
  if (req.conversation.kind === 'channel' || !mayOpenMoveCard(d, viewerId, ctx)) return neutralFor(req, d, roster, deps);
  return moveCard(moveView(d, viewerId, roster, ctx, notice));
}

routes.add(VERBS.redeploymentMoveShow, byId, async (deps, req, p) => {
  const r = await readMoveCard(deps, req.actor, p.declarationId);
  if (!r.declaration) return neutralFor(req, undefined, r.roster, deps);
  return moveCardOrNeutral(req, r.declaration, r.viewerId, r.roster, deps);
});

// "Move done": HR (from the move card) or the department head (from the move card or their alert card).
routes.add(VERBS.redeploymentMoveDone, byId, async (deps, req, p) => {
  const r = await actOnDeclaration(deps, req.actor, p.declarationId, { type: 'recordMoveDone' });
  const roster = r.roster ?? { people: [], units: [], absences: [] };
  if (!r.declaration || !r.viewerId) return neutralFor(req, r.declaration, roster, deps);
  const d = r.declaration;
  const notice = !r.ok
    ? `${r.rejection.message} Nothing was changed.`
    : r.changed
      ? ''
      : alreadyDone(d, { type: 'recordMoveDone' }, roster);
  if (d.personId === r.viewerId) return declarationStatusCard({ ...ownerView(d, roster, undefined), notice });
  const ctx = declarationContext(deps, d, roster);
  // Whoever may act on the request (the department head) keeps their full view; HR get the move card only.
  if (entitledViewers(d, ctx).includes(r.viewerId)) return responderCard(req, d, r.viewerId, roster, deps, notice);
  return moveCardOrNeutral(req, d, r.viewerId, roster, deps, notice);
});
