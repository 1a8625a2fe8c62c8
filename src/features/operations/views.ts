// What the admin card shows, from the delivery facts, the job loop's lease and the roster sync. Names
// appear only in the unreachable list (so an admin can act); nothing a message said, no note, answer or
// raiser, and no internal id is shown (a dead letter's id rides on its Retry button only).
import type { AdminCardData } from './cards.ts';
import { formatDay, formatTime, nameIn } from '../../kernel/format.ts';
import type { RosterSyncSummary } from '../../kernel/ports.ts';
import type { Roster } from '../../kernel/types.ts';
import type { JobLoopState } from './repository.ts';
import { WINDOW_DAYS, ageText, failureText, type DeliveryFacts, type UnreachablePerson } from './rules.ts';

/** Teams refuses cards over about 28 KB: each list is cut here, and says how many more there are. */
export const ADMIN_CARD_MAX_ROWS = 15;

export const ADMIN_PRIVACY_NOTE =
  'This card shows counts, purposes, times and the names of people Haven cannot reach; never what a message said or anything anyone shared.';

const LANE_TITLES: Record<string, string> = { alert: 'Alerts waiting', bulk: 'Other messages waiting' };

const SYNC_OUTCOMES: Record<RosterSyncSummary['outcome'], string> = {
  applied: 'applied',
  blocked: 'not applied: problems to resolve first',
  failed: 'failed: Microsoft Graph could not be read',
  notConfigured: 'not set up',
};
const SYNC_TRIGGERS: Record<RosterSyncSummary['trigger'], string> = { daily: 'the daily job', admin: 'an admin', cli: 'the command line' };

function reasonText(u: UnreachablePerson, now: Date): string {
  if (u.reason === 'left') return `left the unit on ${formatDay(u.since!)}`;
  if (u.reason === 'notInstalled') return 'Haven is not installed for them (no chat to write to)';
  return `blocked or removed Haven (a message was refused ${ageText(u.since!, now)} ago)`;
}

/** A message's purpose (`care.reminder`, `declaration.break.reviewDue`) as its kind in words: what it was, never what it said. */
const PURPOSE_KINDS: [prefix: string, words: string][] = [
  ['absence', 'Absence notice'],
  ['care', 'Care reminder'],
  ['checkIn', 'Check-in'],
  ['concern', 'Concern notice'],
  ['declaration', 'Request alert or update'],
  ['digest', 'Daily digest'],
  ['flag', 'Check-in flag notice'],
  ['stage', 'Staged exposure update'],
  ['suitability', 'Suitability questionnaire update'],
  ['trim', 'TRiM follow-up'],
  ['workload', 'Weekly workload summary'],
  ['journey', 'Pre-deployment journey update'],
  ['welcome', 'Welcome'],
];

export function purposeKind(purpose: string): string {
  const head = purpose.split('.')[0] ?? '';
  return PURPOSE_KINDS.find(([prefix]) => prefix === head)?.[1] ?? 'Other message';
}

const more = (n: number, what: string) => (n > 0 ? `${n} more ${what} not shown.` : '');

export function adminCardData(input: {
  facts: DeliveryFacts;
  roster: Roster;
  jobLoop: JobLoopState | undefined;
  sync: { configured: boolean; last: RosterSyncSummary | undefined };
  now: Date;
  banner?: string;
}): AdminCardData {
  const { facts, roster, now } = input;
  const name = nameIn(roster);
  const backlog = facts.backlog.map((b) => ({ label: LANE_TITLES[b.lane] ?? `${b.lane} messages waiting`, value: String(b.count) }));
  backlog.push({
    label: 'Oldest waiting',
    value: facts.oldestWaitingSince ? `queued ${ageText(facts.oldestWaitingSince, now)} ago` : 'nothing is waiting',
  });

  const dead = facts.deadLetters.slice(0, ADMIN_CARD_MAX_ROWS).map((d) => ({
    messageId: d.id,
    title: purposeKind(d.purpose),
    detail: `Queued ${ageText(d.createdAt, now)} ago; ${failureText(d.lastError, d.attempts)}`,
  }));

  const people = [...facts.unreachable]
    .map((u) => ({ label: name(u.personId), value: reasonText(u, now) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const channels = facts.unreachableChannels.map((c) => {
    const unit = roster.units.find((u) => u.supervisorChannelId === c);
    return { label: unit ? `${unit.name}: supervisors’ channel` : 'A channel no unit names', value: 'Haven cannot post there' };
  });
  const unreachable = [...people, ...channels];

  const jobs: { label: string; value: string }[] = [];
  const loop = input.jobLoop;
  if (!loop) jobs.push({ label: 'Job loop', value: 'no instance holds the lease: scheduled work and delivery are not running' });
  else {
    const running = loop.leaseUntil > now.toISOString();
    jobs.push({
      label: 'Lease holder',
      value: `${loop.thisInstance ? 'this instance' : 'another instance'} (process ${loop.holderProcess})${running ? '' : ', lease expired'}`,
    });
    jobs.push({
      label: 'Last tick',
      value: loop.lastTickAt ? `${formatTime(loop.lastTickAt)} (${ageText(loop.lastTickAt, now)} ago)` : 'not recorded yet',
    });
    if (!running) jobs.push({ label: 'Attention', value: 'the lease ran out: no instance is running the jobs now' });
  }

  const sync: { label: string; value: string }[] = [];
  let syncNote = '';
  const last = input.sync.last;
  if (!input.sync.configured) syncNote = 'Roster sync from Entra ID is not set up: the roster comes from CSV imports.';
  else if (!last) syncNote = 'The roster sync has not run yet.';
  if (last) {
    sync.push({ label: 'Last run', value: `${formatTime(last.at)}, by ${SYNC_TRIGGERS[last.trigger]}` });
    sync.push({ label: 'Outcome', value: SYNC_OUTCOMES[last.outcome] });
    sync.push({ label: 'Added, updated, left', value: `${last.added}, ${last.updated}, ${last.left}` });
    sync.push({ label: 'Problems', value: String(last.problems) });
    sync.push({
      label: 'Could not install Haven for',
      value: `${last.installFailures} ${last.installFailures === 1 ? 'person' : 'people'}`,
    });
  }

  const banner = input.banner ?? '';
  return {
    banner,
    hasBanner: banner !== '',
    checkedText: `As of ${formatTime(now.toISOString())}`,
    backlog,
    deadLetterTitle: `Dead letters in the last ${WINDOW_DAYS} days: ${facts.deadLetters.length}`,
    deadLetters: dead,
    hasDeadLetters: dead.length > 0,
    moreDeadLetters: more(facts.deadLetters.length - dead.length, 'dead letters'),
    unreachableTitle: `Who Haven cannot reach: ${unreachable.length}`,
    unreachable: unreachable.slice(0, ADMIN_CARD_MAX_ROWS),
    hasUnreachable: unreachable.length > 0,
    moreUnreachable: more(unreachable.length - Math.min(unreachable.length, ADMIN_CARD_MAX_ROWS), 'people or channels'),
    jobs,
    sync,
    syncNote,
    syncConfigured: input.sync.configured,
    privacyNote: ADMIN_PRIVACY_NOTE,
  };
}
