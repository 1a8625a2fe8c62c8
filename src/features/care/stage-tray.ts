// A stage confirmation as a line in each confirmer's tray (kernel/tray.ts), for their daily digest:
// the officer said they feel ready; their supervisor (or cover) or a trainer confirms. Nothing in it is
// urgent (the officer moves on when someone confirms, never sooner), so it is one line, not a card.
// The line names the person and the stage only: the officer's notes and reflections stay on the stage
// card "Open" shows (stage.view), which re-checks who is looking.
import type { NewTrayItem } from '../../kernel/tray.ts';
import type { Roster } from '../../kernel/types.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { STAGE_TITLES, type Stage, type StagedExposure } from './staged-exposure.ts';

/** One key per person and stage asked for, the same for every confirmer: one confirmation clears it for all. */
export function stageTrayKey(personId: string, readyFor: Stage | 'complete'): string {
  return `stage:${personId}:${readyFor}`;
}

/** The discussion about a stage reached: one line per person and stage (`stage:{person}:{stage}:discussion`). */
export function stageDiscussionTrayKey(personId: string, stage: Stage): string {
  return `stage:${personId}:${stage}:discussion`;
}

/**
 * Issue #14 part 4: a stage was reached, so the person responsible for the officer is asked to hold a
 * discussion about it (the seed's time to reflect "with supervisors and other officers") and record the
 * day it was held ("Done" with the digest's date). Not a condition for the next stage. The line names
 * the person and the stage only.
 */
export function stageDiscussionTrayItem(r: StagedExposure, stage: Stage, recipientId: string, roster: Roster, since: string): NewTrayItem {
  const name = roster.people.find((p) => p.id === r.personId)?.name ?? 'Someone no longer on the roster';
  return {
    recipientId,
    key: stageDiscussionTrayKey(r.personId, stage),
    feature: 'care',
    aboutPersonId: r.personId,
    line: `${name} has reached ${STAGE_TITLES[stage]} of staged exposure: hold a discussion with them about it (with other officers too, if they like), then record it as held`,
    since,
    actions: [
      { title: 'Done', verb: VERBS.stageDiscussionHeld, data: { personId: r.personId, stage } },
      { title: 'Open', verb: VERBS.stageView, data: { personId: r.personId } },
    ],
  };
}

export function stageTrayItem(r: StagedExposure, readyFor: Stage | 'complete', recipientId: string, roster: Roster): NewTrayItem {
  const name = roster.people.find((p) => p.id === r.personId)?.name ?? 'Someone no longer on the roster';
  const what = readyFor === 'complete' ? 'to complete staged exposure' : `for ${STAGE_TITLES[readyFor]} of staged exposure`;
  return {
    recipientId,
    key: stageTrayKey(r.personId, readyFor),
    feature: 'care',
    aboutPersonId: r.personId,
    line: `${name} feels ready ${what}: confirm when you agree`,
    since: r.readyAt ?? r.history.at(-1)?.at ?? '',
    actions: [
      { title: 'Confirm', verb: VERBS.stageConfirm, data: { personId: r.personId } },
      { title: 'Open', verb: VERBS.stageView, data: { personId: r.personId } },
    ],
  };
}
