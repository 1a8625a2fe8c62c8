// "I'm not okay" / "I want to leave". Stored before the person is told it was received; their
// viewing status changes at once; alerts go out through the outbox.
import { createHash } from 'node:crypto';
import { declarationConfirmationCard, type DeclarationConfirmationCardData } from './cards.ts';
import { confirmationView } from './views.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { newDeclaration, type Declaration, type DeclarationKind, type NoteShare } from './rules.ts';
import { routeOptions, type TellFirst } from '../../kernel/first-route.ts';
import type { Actor } from '../../kernel/context.ts';
import { declarationContext, withEffectIds } from './declaration-context.ts';
import { flushDeclarationEffects } from './flush-effects.ts';
import { identifyPerson, unrosteredId } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import type { Logger } from 'pino';
import type { DeclarationDeps } from './deps.ts';
import { defaultReviewOn } from './off-viewing.ts';
import { DEFAULT_WORKING_PATTERN } from '../../kernel/working-pattern.ts';

export { NO_DETRIMENT } from './views.ts';

export interface RaiseInput {
  kind: DeclarationKind;
  note?: string;
  share: NoteShare;
  /** Who the person chose to tell first (default: their supervisor), and whether their supervisor may know they asked. */
  tellFirst?: TellFirst;
  alsoTellSupervisor?: boolean;
  /** A break's review date as the person chose it (already checked); else one working day later. */
  reviewOn?: string;
  /** The inbound activity's id: Teams may deliver the same click twice, and it must count once. */
  requestId: string;
  /** The Teams message the confirmation replaces (the clicked form), when known: it is updated there as the request moves. */
  shownIn?: string;
}

/** The person chose someone who cannot be told now (not one of their unit's contacts, or away): nothing was sent. */
export class RouteNotAvailable extends Error {
  constructor() {
    super('the chosen first contact is not available');
    this.name = 'RouteNotAvailable';
  }
}

export interface RaiseResult {
  declaration: Declaration;
  confirmation: DeclarationConfirmationCardData;
  duplicate: boolean;
}

export async function raiseDeclaration(deps: DeclarationDeps, actor: Actor, input: RaiseInput, log: Logger): Promise<RaiseResult> {
  const [found, roster] = await Promise.all([identifyPerson(deps, actor), loadRoster(deps)]);
  const personId = found ? found.value.id : unrosteredId(actor);
  const id = `decl-${createHash('sha256').update(`${personId}|${input.requestId}`).digest('hex').slice(0, 24)}`;
  // A choice of whom to tell first is open to people on the roster, among their unit's contacts now.
  const tellFirst = input.tellFirst && input.tellFirst !== 'supervisor' ? input.tellFirst : undefined;
  if (
    tellFirst &&
    (!found || !routeOptions(deps, found.value, roster, deps.clock.now(), { dutyCover: true }).some((o) => o.value === tellFirst))
  )
    throw new RouteNotAvailable();
  const route = tellFirst ? { tellFirst, alsoTellSupervisor: input.alsoTellSupervisor === true } : undefined;
  const ctx = declarationContext(deps, { personId, unitId: found?.value.unitId, route }, roster, { raising: true });
  const { declaration, effects } = newDeclaration(
    {
      id,
      personId,
      unitId: found?.value.unitId,
      kind: input.kind,
      note: input.note,
      noteShare: input.share,
      route,
      accessRemoval: input.kind === 'talk' ? 'notNeeded' : 'awaitingConfirmation',
      review:
        input.kind !== 'break'
          ? undefined
          : input.reviewOn
            ? { on: input.reviewOn, setBy: personId }
            : {
                on: defaultReviewOn(deps.clock.now(), found?.value.workingPattern ?? DEFAULT_WORKING_PATTERN, roster.absences, personId),
                setBy: 'default',
              },
    },
    ctx,
  );
  if (declaration.kind !== 'talk' && found && deps.viewingAccess.configured) declaration.automaticRemoval = 'pending';
  // The confirmation is updated in place once the alert got through (someone on the roster has a chat to update).
  if (found) declaration.confirmation = { outboxId: `${id}:confirmation` };
  declaration.pendingEffects = withEffectIds(declaration, effects);

  let stored: Versioned<Declaration>;
  let duplicate = false;
  try {
    const version = await deps.declarations.create(declaration);
    stored = { value: declaration, version };
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    const existing = await deps.declarations.get(id);
    if (!existing) throw error;
    stored = existing;
    duplicate = true;
  }

  // Also on a duplicate (a retry after a crash): bringing it forward twice changes nothing.
  const broughtForward = async () => {
    if (!found) return;
    try {
      await deps.bringClinicalSupervisionForward(personId, 'request');
    } catch (error) {
      log.warn({ declarationId: id, err: { message: (error as Error).message } }, 'clinical supervision could not be brought forward');
    }
  };

  if (!duplicate) {
    if (!declaration.onCall) {
      log.error(
        { declarationId: id },
        'no responder could be found for a declaration; fix: give the unit an "above" in the roster or set HAVEN_FALLBACK_RESPONDERS',
      );
    }
    // Issue 15: the declaration is stored with its pending effects; what follows are independent writes,
    // made together: the audit rows, taking the person off viewing, and the confirmation then the alerts.
    // Anything a crash interrupts here is finished by the declaration job from the stored effects.
    const audited = async () => {
      await deps.audit.append({
        at: declaration.raisedAt,
        actor: found ? personId : 'unrostered',
        action: 'declaration.raised',
        subject: `declaration:${id}`,
        about: declaration.personId,
        reason: declaration.kind,
        outcome: 'ok',
      });
      if (declaration.route)
        // The choice, recorded without free text: whom they told first, and whether their supervisor may know.
        await deps.audit.append({
          at: declaration.raisedAt,
          actor: personId,
          action: 'declaration.routeChosen',
          subject: `declaration:${id}`,
          about: declaration.personId,
          reason: `tellFirst=${declaration.route.tellFirst}; alsoTellSupervisor=${declaration.route.alsoTellSupervisor ? 'yes' : 'no'}`,
          outcome: 'ok',
        });
    };
    const offViewing = async () => {
      if (declaration.kind !== 'talk' && found) await setNotViewing(deps, found.value.id, declaration.raisedAt);
    };
    const alerted = async () => {
      if (declaration.confirmation) {
        // Recorded before any alert is queued, so its update (once the alert got through) always finds it.
        try {
          await deps.notifier.recordShown({
            id: declaration.confirmation.outboxId,
            target: { kind: 'person', personId },
            activity: {
              text: NEUTRAL_HEADLINE,
              card: declarationConfirmationCard(confirmationView(declaration, roster, deps.supportDirectory, ctx)),
            },
            purpose: 'declaration.confirmation',
            activityId: input.shownIn,
          });
        } catch (error) {
          log.warn(
            { declarationId: id, err: { message: (error as Error).message } },
            'the confirmation could not be recorded; it will not be updated',
          );
        }
      }
      // Fan-out happens after the declaration is safe; the job flushes anything left here by a crash.
      try {
        stored = await flushDeclarationEffects(deps, stored, roster);
      } catch (error) {
        log.warn(
          { declarationId: id, err: { message: (error as Error).message } },
          'declaration stored; alerts will be sent by the next job tick',
        );
      }
    };
    const [auditing, viewing, alerting] = await Promise.allSettled([audited(), offViewing(), alerted(), broughtForward()]);
    // A failed audit row or viewing change still fails the request, as it did before they ran together.
    for (const r of [auditing, viewing, alerting]) if (r.status === 'rejected') throw r.reason;
  } else await broughtForward();

  return { declaration: stored.value, duplicate, confirmation: confirmationView(stored.value, roster, deps.supportDirectory, ctx) };
}

/** Off viewing from the moment of the request. Retried once on a conflicting edit; it must land. */
export async function setNotViewing(deps: Pick<DeclarationDeps, 'people' | 'audit'>, personId: string, at: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = await deps.people.get(personId);
    if (!p || p.value.viewingStatus === 'notViewing') return;
    try {
      await deps.people.save({ ...p.value, viewingStatus: 'notViewing', viewingStatusSince: at }, p.version);
      await deps.audit.append({
        at,
        actor: 'system',
        action: 'person.viewingStatus',
        subject: `person:${personId}`,
        reason: 'notViewing after a declaration',
        outcome: 'ok',
      });
      return;
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 2) throw error;
    }
  }
}
