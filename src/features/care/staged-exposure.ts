// Staged exposure for new joiners (SPEC.md "Staged exposure"): category C, then B, then A. The officer
// says "I feel ready", their supervisor (or cover, or a trainer of the unit) confirms, and a minimum
// reflection period separates stages. The officer may pause or step back at any time: that is
// recorded without judgement (no reason asked; an optional private note is theirs alone).
// One transition function is the single source of truth; allowedActions() for cards comes from it.
// Pure: `now` and who may confirm come in.
import { mayConfirmStage } from './policy.ts';
import { tooLongProblem } from '../../kernel/text.ts';
import { isIsoDay } from '../../kernel/format.ts';

export const STAGES = ['C', 'B', 'A'] as const;
export type Stage = (typeof STAGES)[number];

export type StageStatus = 'notStarted' | 'inStage' | 'paused' | 'complete';

export interface StageEvent {
  at: string;
  event: 'saidReady' | 'confirmed' | 'paused' | 'resumed' | 'steppedBack' | 'reflected' | 'completed' | 'discussed';
  /** Person id of whoever did it; never free text. */
  by: string;
  /** The stage the person was at after the event (undefined = not started). */
  stage?: Stage;
}

export interface Reflection {
  stage: Stage;
  at: string;
  /** Free text, encrypted at rest; the officer's own unless `shared`. */
  text: string;
  shared: boolean;
}

export interface StagedExposure {
  /** One record per person: the person id. */
  personId: string;
  unitId: string;
  status: StageStatus;
  /** The stage being worked at (also kept while paused); undefined before C is confirmed. */
  stage?: Stage;
  /** When the current stage began: the reflection period counts from here. */
  stageSince?: string;
  /** Set when the officer said "I feel ready" and nobody has confirmed yet. */
  readyFor?: Stage | 'complete';
  readyAt?: string;
  history: StageEvent[];
  /** Encrypted at rest. */
  reflections: Reflection[];
  /** Private notes the officer chose to add when pausing or stepping back. Encrypted; never shown to anyone else. */
  privateNotes: { at: string; text: string }[];
  /**
   * The discussion held about each stage reached (the seed: time to reflect "with supervisors and other
   * officers"), recorded by their supervisor, cover or a trainer: the day only, no content. Prompted when
   * a stage is confirmed; never a condition for the next stage.
   */
  discussions?: StageDiscussion[];
}

export interface StageDiscussion {
  stage: Stage;
  /** ISO date it was held. */
  heldOn: string;
  recordedBy: string;
  recordedAt: string;
}

export type StageAction =
  | { type: 'sayReady' }
  | { type: 'confirm' }
  | { type: 'pause'; note?: string }
  | { type: 'resume' }
  | { type: 'stepBack'; note?: string }
  | { type: 'reflect'; text: string; shared: boolean }
  // Issue #14 part 4: a discussion about a stage reached, recorded as held.
  | { type: 'recordDiscussion'; stage: Stage; heldOn: string };

export interface StageContext {
  now: Date;
  /** Minimum days at a stage before moving on (configuration). */
  reflectionDays: number;
  /** Who may confirm right now: the responsible supervisor (or cover, or department head) and the unit's trainers. */
  confirmers: readonly string[];
  /**
   * When the officer went off viewing, if they are off viewing now (an open request for a break or to
   * leave: declarations' offViewingSince). Nothing moves on meanwhile.
   */
  offViewingSince?: string;
}

export type StageEffect =
  | { kind: 'askConfirmation'; readyFor: Stage | 'complete' }
  | { kind: 'tellOfficer'; event: 'confirmed' | 'completed' }
  | { kind: 'tellConfirmers'; event: 'paused' | 'steppedBack' | 'resumed' }
  /** A stage was reached: the responsible person is asked to hold a discussion about it (a tray line). */
  | { kind: 'promptDiscussion'; stage: Stage }
  /** The discussion about a stage was recorded: its line is done for everyone. */
  | { kind: 'discussionHeld'; stage: Stage };

export type StageRejection =
  | { code: 'notEntitled'; message: string }
  | { code: 'notYet'; message: string; canMoveOnFrom?: string }
  | { code: 'notAllowedNow'; message: string }
  | { code: 'invalid'; message: string };

export type StageOutcome =
  { ok: true; record: StagedExposure; effects: StageEffect[]; changed: boolean } | { ok: false; rejection: StageRejection };

export const STAGE_TITLES: Record<Stage, string> = { C: 'Stage C', B: 'Stage B', A: 'Stage A' };

export function newStagedExposure(personId: string, unitId: string): StagedExposure {
  return { personId, unitId, status: 'notStarted', history: [], reflections: [], privateNotes: [] };
}

export function nextStage(stage: Stage | undefined): Stage | 'complete' {
  if (stage === undefined) return 'C';
  const i = STAGES.indexOf(stage);
  return i === STAGES.length - 1 ? 'complete' : STAGES[i + 1]!;
}

export function previousStage(stage: Stage): Stage | undefined {
  const i = STAGES.indexOf(stage);
  return i === 0 ? undefined : STAGES[i - 1];
}

const DAY = 24 * 60 * 60_000;

/** The instant the person may say they are ready to move on (undefined: no wait, e.g. before C). */
export function canMoveOnFrom(r: Pick<StagedExposure, 'stage' | 'stageSince' | 'status'>, reflectionDays: number): string | undefined {
  if (r.status !== 'inStage' || !r.stageSince) return undefined;
  return new Date(new Date(r.stageSince).getTime() + reflectionDays * DAY).toISOString();
}

export const NOTE_LIMIT = 2000;

/** The problem with a private note or a reflection, in the person's words; undefined within the limit. */
export function stageTextProblem(what: 'your note' | 'your reflection', text: string | undefined): string | undefined {
  return tooLongProblem(what, text?.trim(), NOTE_LIMIT);
}

export function transition(current: StagedExposure, action: StageAction, actorId: string, ctx: StageContext): StageOutcome {
  const r: StagedExposure = structuredClone(current);
  const now = ctx.now.toISOString();
  const effects: StageEffect[] = [];
  const isOfficer = actorId === r.personId;
  const reject = (code: StageRejection['code'], message: string, extra: Partial<StageRejection> = {}): StageOutcome => ({
    ok: false,
    rejection: { code, message, ...extra } as StageRejection,
  });
  const unchanged = (): StageOutcome => ({ ok: true, record: current, effects: [], changed: false });
  const done = (): StageOutcome => ({ ok: true, record: r, effects, changed: true });
  const officerOnly = () => (isOfficer ? undefined : reject('notEntitled', 'Only the officer themselves can do this.'));
  const keepNote = (note: string | undefined) => {
    const t = note?.trim();
    if (t) r.privateNotes.push({ at: now, text: t });
  };

  switch (action.type) {
    case 'sayReady': {
      const denied = officerOnly();
      if (denied) return denied;
      if (r.status === 'paused') return reject('notAllowedNow', 'You have paused. Resume first when you want to carry on.');
      if (r.status === 'complete') return reject('notAllowedNow', 'You have completed all three stages.');
      if (ctx.offViewingSince)
        return reject('notAllowedNow', 'You are off viewing just now, so staged exposure waits. Say you feel ready once you are back.');
      const target = nextStage(r.status === 'notStarted' ? undefined : r.stage);
      if (r.readyFor === target) return unchanged();
      const from = canMoveOnFrom(r, ctx.reflectionDays);
      if (from && now < from)
        return reject('notYet', `Take a little longer at this stage first: you can say you feel ready from ${from.slice(0, 10)}.`, {
          canMoveOnFrom: from,
        });
      r.readyFor = target;
      r.readyAt = now;
      r.history.push({ at: now, event: 'saidReady', by: actorId, stage: r.stage });
      effects.push({ kind: 'askConfirmation', readyFor: target });
      return done();
    }
    case 'confirm': {
      if (isOfficer || !mayConfirmStage({ id: r.personId }, ctx.confirmers, actorId))
        return reject('notEntitled', 'Only their supervisor (or cover) or a trainer of the unit can confirm the next stage.');
      if (!r.readyFor)
        return r.history.at(-1)?.event === 'confirmed' || r.history.at(-1)?.event === 'completed'
          ? unchanged()
          : reject('notAllowedNow', 'They have not said they feel ready (or they paused or stepped back since).');
      if (r.status !== 'notStarted' && r.status !== 'inStage') return reject('notAllowedNow', 'They have paused; nothing to confirm now.');
      if (ctx.offViewingSince)
        return reject('notAllowedNow', 'They are off viewing just now: staged exposure does not move on until they are back.');
      const from = canMoveOnFrom(r, ctx.reflectionDays);
      if (from && now < from) return reject('notYet', `The reflection period runs until ${from.slice(0, 10)}.`, { canMoveOnFrom: from });
      const target = r.readyFor;
      r.readyFor = undefined;
      r.readyAt = undefined;
      if (target === 'complete') {
        r.status = 'complete';
        r.stageSince = now;
        r.history.push({ at: now, event: 'completed', by: actorId, stage: r.stage });
        effects.push({ kind: 'tellOfficer', event: 'completed' });
      } else {
        r.status = 'inStage';
        r.stage = target;
        r.stageSince = now;
        r.history.push({ at: now, event: 'confirmed', by: actorId, stage: target });
        effects.push({ kind: 'tellOfficer', event: 'confirmed' });
        if (!(r.discussions ?? []).some((d) => d.stage === target)) effects.push({ kind: 'promptDiscussion', stage: target });
      }
      return done();
    }
    case 'pause': {
      const denied = officerOnly();
      if (denied) return denied;
      const noteTooLong = stageTextProblem('your note', action.note);
      if (noteTooLong) return reject('invalid', noteTooLong);
      if (r.status === 'paused') return unchanged();
      if (r.status === 'complete')
        return reject('notAllowedNow', 'You have completed all three stages; step back if you want to return to stage A.');
      r.status = 'paused';
      r.readyFor = undefined;
      r.readyAt = undefined;
      keepNote(action.note);
      r.history.push({ at: now, event: 'paused', by: actorId, stage: r.stage });
      effects.push({ kind: 'tellConfirmers', event: 'paused' });
      return done();
    }
    case 'resume': {
      const denied = officerOnly();
      if (denied) return denied;
      if (r.status !== 'paused') return unchanged();
      r.status = r.stage ? 'inStage' : 'notStarted';
      r.history.push({ at: now, event: 'resumed', by: actorId, stage: r.stage });
      effects.push({ kind: 'tellConfirmers', event: 'resumed' });
      return done();
    }
    case 'stepBack': {
      const denied = officerOnly();
      if (denied) return denied;
      const noteTooLong = stageTextProblem('your note', action.note);
      if (noteTooLong) return reject('invalid', noteTooLong);
      if (r.status === 'notStarted' && !r.readyFor) return unchanged();
      if (r.status === 'notStarted') {
        r.readyFor = undefined;
        r.readyAt = undefined;
      } else if (r.status === 'complete') {
        r.status = 'inStage';
        r.stage = 'A';
        r.stageSince = now;
      } else {
        const back = r.stage ? previousStage(r.stage) : undefined;
        r.stage = back;
        r.status = back ? 'inStage' : 'notStarted';
        r.stageSince = back ? now : undefined;
        r.readyFor = undefined;
        r.readyAt = undefined;
      }
      keepNote(action.note);
      r.history.push({ at: now, event: 'steppedBack', by: actorId, stage: r.stage });
      effects.push({ kind: 'tellConfirmers', event: 'steppedBack' });
      return done();
    }
    case 'reflect': {
      const denied = officerOnly();
      if (denied) return denied;
      const text = action.text.trim();
      if (!text) return reject('invalid', 'Write a few words first (it can be short).');
      const tooLong = stageTextProblem('your reflection', text);
      if (tooLong) return reject('invalid', tooLong);
      if (!r.stage) return reject('notAllowedNow', 'Reflections follow a stage: there is nothing to reflect on before stage C begins.');
      const last = r.reflections.at(-1);
      if (last && last.stage === r.stage && last.text === text && last.shared === action.shared) return unchanged();
      r.reflections.push({ stage: r.stage, at: now, text, shared: action.shared });
      r.history.push({ at: now, event: 'reflected', by: actorId, stage: r.stage });
      return done();
    }
    case 'recordDiscussion': {
      if (isOfficer || !mayConfirmStage({ id: r.personId }, ctx.confirmers, actorId))
        return reject('notEntitled', 'Only their supervisor (or cover) or a trainer of the unit records a stage discussion.');
      if (!STAGES.includes(action.stage)) return reject('invalid', 'That card refers to a stage Haven does not know.');
      const reached = r.history.find((e) => e.event === 'confirmed' && e.stage === action.stage);
      if (!reached) return reject('notAllowedNow', `They have not reached ${STAGE_TITLES[action.stage]} yet.`);
      const existing = (r.discussions ?? []).find((d) => d.stage === action.stage);
      if (existing)
        return existing.heldOn === action.heldOn
          ? unchanged()
          : reject(
              'notAllowedNow',
              `The discussion about ${STAGE_TITLES[action.stage]} was already recorded (held on ${existing.heldOn}).`,
            );
      if (!isIsoDay(action.heldOn)) return reject('invalid', 'Give the day the discussion was held.');
      if (action.heldOn > now.slice(0, 10))
        return reject('invalid', 'Record the discussion once it has been held (the date is in the future).');
      if (action.heldOn < reached.at.slice(0, 10))
        return reject('invalid', `The discussion follows ${STAGE_TITLES[action.stage]}: it cannot be before ${reached.at.slice(0, 10)}.`);
      r.discussions = [...(r.discussions ?? []), { stage: action.stage, heldOn: action.heldOn, recordedBy: actorId, recordedAt: now }];
      r.history.push({ at: now, event: 'discussed', by: actorId, stage: r.stage });
      effects.push({ kind: 'discussionHeld', stage: action.stage });
      return done();
    }
  }
}

/** "Stage C: held Mon, 23 Nov 2026; Stage B: not recorded yet": the discussions about the stages reached. */
export function discussionsReached(r: Pick<StagedExposure, 'history' | 'discussions'>): { stage: Stage; heldOn?: string }[] {
  return STAGES.filter((s) => r.history.some((e) => e.event === 'confirmed' && e.stage === s)).map((stage) => ({
    stage,
    heldOn: (r.discussions ?? []).find((d) => d.stage === stage)?.heldOn,
  }));
}

export type StageCardAction = 'sayReady' | 'confirm' | 'pause' | 'resume' | 'stepBack' | 'reflect';

/** Which buttons a viewer's card shows: the same rules transition() enforces. */
export function allowedActions(r: StagedExposure, viewerId: string, ctx: StageContext): StageCardAction[] {
  const probes: { action: StageCardAction; probe: StageAction }[] = [
    { action: 'sayReady', probe: { type: 'sayReady' } },
    { action: 'confirm', probe: { type: 'confirm' } },
    { action: 'pause', probe: { type: 'pause' } },
    { action: 'resume', probe: { type: 'resume' } },
    { action: 'stepBack', probe: { type: 'stepBack' } },
    { action: 'reflect', probe: { type: 'reflect', text: '\u0000probe', shared: false } },
  ];
  return probes
    .filter((p) => {
      const out = transition(r, p.probe, viewerId, ctx);
      return out.ok && out.changed;
    })
    .map((p) => p.action);
}

/** How the stage reads in a sentence, for the officer, their supervisor and the trainer. */
export function describeStage(r: Pick<StagedExposure, 'status' | 'stage' | 'readyFor'> | undefined): string {
  if (!r || r.status === 'notStarted') return r?.readyFor ? 'Not started; ready for stage C (waiting for confirmation)' : 'Not started';
  if (r.status === 'complete') return 'All stages complete';
  const at = r.stage ? STAGE_TITLES[r.stage] : 'Not started';
  if (r.status === 'paused') return `${at}, paused`;
  if (r.readyFor) return `${at}; ready for ${r.readyFor === 'complete' ? 'completion' : `stage ${r.readyFor}`} (waiting for confirmation)`;
  return at;
}
