// What each person is shown about check-ins and flags, built from records and the roster. The flag
// view never carries answers unless the person shared that very check-in.
import type { CheckInCardData, CheckInConfirmationCardData, FlagCardData } from './cards.ts';
import { answersInWords, type CheckIn } from './check-in.ts';
import { FLAG_REASON_TITLES, isFlagOpen, type Flag } from './flag.ts';
import type { QuestionSet } from './question-set.ts';
import type { Roster } from '../../kernel/types.ts';
import { formatTime, formatWeekday, nameIn } from '../../kernel/format.ts';
import type { SupportEntry } from '../../kernel/ports.ts';
import { CHECK_IN_VISIBILITY } from '../../kernel/visibility.ts';
import { shownText } from '../../kernel/text.ts';
import { summaryFields } from './workload-views.ts';
import { figuresInWords, weekLabel, type WorkloadWeek } from './workload.ts';

/** The string a card input sent, or '' (a refused card shows back what was sent, never anything else). */
function sent(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** `typed`: what the person sent, when the card comes back refused, so nothing they typed is lost. */
export function checkInCardData(
  set: QuestionSet,
  c: Pick<CheckIn, 'id' | 'dueOn' | 'closesOn' | 'onDemand' | 'broughtForward'>,
  notice = '',
  typed: Record<string, unknown> = {},
  talkTo: readonly { title: string; value: string }[] = [],
  summaryWeek?: string,
): CheckInCardData {
  return {
    checkInId: c.id,
    title: c.onDemand ? 'A check-in, whenever you want one' : c.broughtForward ? `${set.title} (a little earlier than usual)` : set.title,
    intro: set.intro,
    dueLine: c.onDemand ? '' : `Due ${formatWeekday(c.dueOn)}. Answers are welcome until ${formatWeekday(c.closesOn)}, whenever suits you.`,
    notice,
    scaleLabel: set.scale.label,
    items: set.scale.items.map((i) => ({ id: i.id, text: i.text, value: sent(typed, i.id) })),
    scaleChoices: set.scale.choices.map((x) => ({ title: x.title, value: String(x.value) })),
    workloadText: set.workload.text,
    workloadChoices: set.workload.choices.map((x) => ({ title: x.title, value: x.value })),
    breaksText: set.breaks.text,
    breaksChoices: set.breaks.choices.map((x) => ({ title: x.title, value: x.value })),
    conversationText: set.conversation.text,
    conversationChoices: set.conversation.choices.map((x) => ({ title: x.title, value: x.value })),
    showTalkTo: talkTo.length > 1,
    talkToChoices: talkTo.map((c) => ({ title: c.title, value: c.value })),
    freeTextLabel: set.freeText.text,
    freeTextPlaceholder: set.freeText.placeholder,
    freeTextMaxLength: set.freeText.maxLength,
    typed: {
      workload: sent(typed, 'workload'),
      breaks: sent(typed, 'breaks'),
      conversation: sent(typed, 'conversation') || 'no',
      conversationWith: talkTo.some((c) => c.value === sent(typed, 'conversationWith')) ? sent(typed, 'conversationWith') : 'supervisor',
      freeText: sent(typed, 'freeText'),
      share: ['true', 'on', 'yes', '1'].includes(sent(typed, 'share').toLowerCase()) ? 'true' : 'false',
    },
    summary: summaryFields(summaryWeek, typed),
  };
}

export function confirmationData(args: {
  checkIn: CheckIn;
  flagged: boolean;
  flagToName?: string;
  sharedWithName?: string;
  late: boolean;
  support: SupportEntry[];
  /** Issue 14: what followed the week's workload summary (a flag, a check-in brought forward). */
  extraLines?: string[];
}): CheckInConfirmationCardData {
  const { checkIn, flagged, flagToName, sharedWithName, late, support } = args;
  const lines: { text: string }[] = [
    { text: 'Your answers are saved. They are yours: nobody else sees them unless you chose to share them.' },
  ];
  if (late) lines.push({ text: 'Late is fine: thank you for answering.' });
  if (checkIn.shared) {
    lines.push({
      text: sharedWithName
        ? `You chose to share these answers with ${sharedWithName}.`
        : 'You chose to share these answers, but Haven has no supervisor or cover for you at the moment, so nobody else sees them.',
    });
  }
  if (flagged) {
    // Who sees the answers is policy.ts's answer (sharedWithName), not whoever the flag reaches first.
    const seesThem = checkIn.shared && sharedWithName !== undefined && sharedWithName === flagToName;
    lines.push({
      // Only what is true now (the suggestion is on its way, to whoever flagTo is: the supervisor, or the
      // contact the person chose on the card, talk-to.ts) and only what Haven can do; the support below is always there.
      text: `From your answers, Haven is asking ${flagToName ?? 'your supervisor'} to offer you a conversation. ${seesThem ? 'They see the answers you shared.' : 'They do not see your answers.'} You can say no. If you would rather talk to someone else, the support below is there for you.`,
    });
  }
  for (const text of args.extraLines ?? []) lines.push({ text });
  return {
    headline: 'Thank you: your check-in is in',
    lines,
    visibility: CHECK_IN_VISIBILITY,
    showSupport: flagged || (args.extraLines ?? []).length > 0,
    supportIntro: 'If things are hard right now, you do not have to wait for anyone:',
    support,
  };
}

/** The person's note, shown to their supervisor as text and shortened when long ("Show all": checkIn.showNote). */
function sharedNoteFields(checkIn: CheckIn | undefined): Pick<FlagCardData, 'sharedNote' | 'sharedNoteMore' | 'checkInId'> {
  const note = shownText(checkIn?.freeText, true);
  return { sharedNote: note.text, sharedNoteMore: note.shortened, checkInId: checkIn?.id ?? '' };
}

export function flagCardData(args: {
  flag: Flag;
  roster: Roster;
  viewerId: string;
  mayAct: boolean;
  /** Present only when the person shared the check-in that raised the flag (the caller checks). */
  shared?: { checkIn: CheckIn; set: QuestionSet };
  /** Issue 14: the weeks of a workload flag the viewer may see (policy.ts mayViewWorkloadFigures; the caller checks). */
  workload?: WorkloadWeek[];
  notice?: string;
}): FlagCardData {
  const { flag, roster, viewerId, mayAct, shared } = args;
  const figures = (args.workload ?? [])
    .filter((w) => w.figures)
    .map((w) => ({ label: weekLabel(w.week), value: figuresInWords(w.figures!) }));
  const name = nameIn(roster);
  const reasons = [flag.reason, ...(flag.otherReasons ?? [])].map((r) => FLAG_REASON_TITLES[r]);
  const history: { text: string }[] = flag.notices.map((n) => ({
    text: `${formatTime(n.at)}: ${n.personId === viewerId ? 'you were' : `${name(n.personId)} was`} told`,
  }));
  if (flag.acknowledged)
    history.push({
      text: `${formatTime(flag.acknowledged.at)}: acknowledged by ${flag.acknowledged.by === viewerId ? 'you' : name(flag.acknowledged.by)}`,
    });
  if (flag.resolved)
    history.push({
      text: `${formatTime(flag.resolved.at)}: conversation recorded by ${flag.resolved.by === viewerId ? 'you' : name(flag.resolved.by)}`,
    });
  const open = isFlagOpen(flag);
  const sharedAnswers = shared?.checkIn.answers
    ? answersInWords(shared.set, shared.checkIn.answers, shared.checkIn.score)
    : figures.length
      ? figures
      : [];
  return {
    flagId: flag.id,
    title: `Consider a welfare conversation with ${name(flag.personId)}`,
    facts: [
      { label: 'Who', value: name(flag.personId) },
      { label: 'Why', value: reasons.join('; ') },
      { label: 'Raised', value: formatTime(flag.openedAt) },
      { label: 'Status', value: flag.resolved ? 'Conversation held' : flag.acknowledged ? 'Acknowledged' : 'Waiting for acknowledgement' },
    ],
    privacyLine: sharedAnswers.length
      ? ''
      : flag.workloadWeek
        ? 'Their weekly figures stay private: they did not choose to share them. Ask how they are; do not ask for their figures.'
        : 'Their check-in answers stay private: they did not choose to share them. Ask how they are; do not ask for their scores.',
    sharedTitle: sharedAnswers.length
      ? figures.length && !shared?.checkIn.answers
        ? `Weekly figures ${name(flag.personId)} chose to share with you`
        : `Answers ${name(flag.personId)} chose to share with you`
      : '',
    sharedAnswers,
    ...sharedNoteFields(sharedAnswers.length ? shared?.checkIn : undefined),
    history,
    notice: args.notice ?? '',
    canAcknowledge: mayAct && open && !flag.acknowledged,
    canResolve: mayAct && open,
  };
}

/** A check-in the person shared when no flag was raised: their answers, nothing to acknowledge. */
export function sharedCheckInCardData(checkIn: CheckIn, set: QuestionSet, roster: Roster): FlagCardData {
  const name = nameIn(roster);
  return {
    flagId: '',
    title: `${name(checkIn.personId)} shared their check-in with you`,
    facts: [
      { label: 'Who', value: name(checkIn.personId) },
      { label: 'Answered', value: formatTime(checkIn.answeredAt ?? checkIn.sentAt) },
    ],
    privacyLine: '',
    sharedTitle: 'Their answers',
    sharedAnswers: checkIn.answers ? answersInWords(set, checkIn.answers, checkIn.score) : [],
    ...sharedNoteFields(checkIn),
    history: [],
    notice: '',
    canAcknowledge: false,
    canResolve: false,
  };
}
