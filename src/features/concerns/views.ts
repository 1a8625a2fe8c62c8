// What each person is shown about concerns, built from records and the roster. Views never decide
// access: the caller passes what policy.ts allowed (`showRaiser`, `mayAct`).
import { formatDay, formatTime, nameIn } from '../../kernel/format.ts';
import type { SupportEntry } from '../../kernel/ports.ts';
import { asText } from '../../kernel/text.ts';
import type { NewTrayItem } from '../../kernel/tray.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { ConcernCardData, ConcernConfirmationCardData, ConcernFormCardData } from './cards.ts';
import {
  CONCERN_CATEGORIES,
  CONCERN_OUTCOMES,
  NOTE_MAX_BYTES,
  OUTCOME_NOTE_MAX_BYTES,
  categoryTitle,
  isConcernOpen,
  isUrgentCategory,
  outcomeTitle,
  type Concern,
} from './model.ts';
import type { RouteDecision } from './rules.ts';

function sent(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  return typeof v === 'string' ? v : '';
}

const CATEGORY_CHOICES = CONCERN_CATEGORIES.map((c) => ({ title: c.title.charAt(0).toUpperCase() + c.title.slice(1), value: c.value }));

/** The colleague form: `typed` holds what was sent when it comes back refused (nothing typed is lost). */
export function colleagueFormData(args: {
  people: Person[];
  hasWelfareLead: boolean;
  notice?: string;
  typed?: Record<string, unknown>;
}): ConcernFormCardData {
  const typed = args.typed ?? {};
  return {
    title: "I'm concerned about a colleague",
    intro:
      'If a colleague does not seem themselves, you can say so here. Haven passes it to the person responsible for their welfare, who can offer them a conversation. It is not a complaint and not a report on their work.',
    notice: args.notice ?? '',
    verb: VERBS.concernRaise,
    submitTitle: 'Send',
    personLabel: 'Who are you concerned about?',
    people: args.people.map((p) => ({ title: p.name, value: p.id })),
    personId: sent(typed, 'personId'),
    categories: CATEGORY_CHOICES,
    category: sent(typed, 'category'),
    note: sent(typed, 'note'),
    noteMaxLength: NOTE_MAX_BYTES,
    notePlaceholder: 'What you noticed, in a few words. Only the person Haven gives this to first sees it.',
    showRoute: args.hasWelfareLead,
    routes: [
      { title: 'The person responsible for them (usually their supervisor)', value: 'responsible' },
      { title: 'The welfare lead', value: 'welfareLead' },
    ],
    route: sent(typed, 'route') || 'responsible',
    whoSees: [
      {
        text: 'The person Haven gives this to first (their supervisor or whoever acts for them now; the welfare lead if you choose, or if the colleague is someone who manages you) sees that it came from you, and your note.',
      },
      { text: 'If they do not pick it up in time, it goes on up the line without your name or your note.' },
      { text: 'Haven never tells your colleague, and never who raised it. Nothing is posted in any channel.' },
    ],
  };
}

export function noticedFormData(args: { people: Person[]; notice?: string; typed?: Record<string, unknown> }): ConcernFormCardData {
  const typed = args.typed ?? {};
  return {
    title: "I've noticed …",
    intro:
      'Record something you noticed about someone you are responsible for. It stays with you as a prompt for a welfare conversation, in your daily digest, until you record that the conversation was held, offered or not needed.',
    notice: args.notice ?? '',
    verb: VERBS.concernNotice,
    submitTitle: 'Record',
    personLabel: 'About whom?',
    people: args.people.map((p) => ({ title: p.name, value: p.id })),
    personId: sent(typed, 'personId'),
    categories: CATEGORY_CHOICES,
    category: sent(typed, 'category'),
    note: sent(typed, 'note'),
    noteMaxLength: NOTE_MAX_BYTES,
    notePlaceholder: 'A reminder for yourself, in a few words (optional).',
    showRoute: false,
    routes: [],
    route: '',
    whoSees: [
      {
        text: 'You see it. Haven does not tell the person; their own record later shows that a concern was recorded and how it was handled.',
      },
      { text: 'Nothing is posted in any channel.' },
    ],
  };
}

/** The raiser's private confirmation: what happens next, truthfully; never who failed. */
export function confirmationData(args: {
  concern: Concern;
  decision: Extract<RouteDecision, { ok: true }>;
  roster: Roster;
  support: SupportEntry[];
}): ConcernConfirmationCardData {
  const { concern, decision, roster } = args;
  const name = nameIn(roster);
  const about = name(concern.personId);
  const first = decision.chain[0]?.personId;
  const to = name(first);
  const urgent = isUrgentCategory(concern.category);
  const lines: { text: string }[] = [];
  const visibility: { who: string; sees: string }[] = [];
  if (decision.route === 'self') {
    lines.push({
      text: `Recorded. This is yours to follow up: a prompt to offer ${about} a welfare conversation is in your daily digest until you record that it was held, offered or not needed.`,
    });
    visibility.push({ who: 'You', sees: 'this prompt, your note, and the record you make' });
  } else {
    const role = decision.route === 'welfareLead' ? 'the welfare lead' : `responsible for ${about}'s welfare now`;
    lines.push({
      text: urgent
        ? `Thank you. Haven is telling ${to} (${role}) now, as an urgent prompt. If someone is in immediate danger, call 999.`
        : `Thank you. Haven is passing your concern about ${about} to ${to} (${role}). It reaches them in their daily Haven digest, on their next working day at the latest.`,
    });
    if (decision.why === 'managesRaiser')
      lines.push({ text: `Because ${about} is someone who manages you, it goes to the unit's welfare lead rather than up your own line.` });
    if (decision.why === 'noWelfareLead')
      lines.push({ text: 'The unit has no welfare lead available at the moment, so it goes to the person responsible for them.' });
    lines.push({
      text: `${to} sees that it came from you, and your note. If they do not pick it up in time, it goes to the next person responsible, without your name or your note.`,
    });
    lines.push({
      text: `Haven does not tell ${about}, and never tells them who raised it. Haven will not tell you what happens next: that is between them.`,
    });
    visibility.push(
      { who: to, sees: 'that it came from you, the category and your note' },
      { who: 'Anyone it is passed on to', sees: 'that a colleague raised a concern, and the category; not who, not your note' },
      { who: about, sees: 'nothing from Haven; their own record later shows a concern was raised and handled, not by whom' },
    );
  }
  visibility.push({ who: 'Any channel', sees: 'nothing' });
  return {
    headline: decision.route === 'self' ? 'Noted' : 'Thank you for looking out for a colleague',
    lines,
    visibility,
    support: args.support,
  };
}

/** The concern as the viewer may see it; `showRaiser` is policy.ts maySeeRaiser, `mayAct` mayActOnConcern. */
export function concernCardData(args: {
  concern: Concern;
  roster: Roster;
  viewerId: string;
  mayAct: boolean;
  showRaiser: boolean;
  /** A card sent on its own: nothing the click has not decided again (no raiser, no note); "Open" shows them. */
  summaryOnly?: boolean;
  notice?: string;
  typed?: Record<string, unknown>;
}): ConcernCardData {
  const { concern, roster, viewerId, mayAct } = args;
  const showRaiser = args.showRaiser && !args.summaryOnly;
  const name = nameIn(roster);
  const you = (id: string) => (id === viewerId ? 'you' : name(id));
  const open = isConcernOpen(concern);
  const from = showRaiser
    ? concern.raisedBy === viewerId
      ? 'You'
      : name(concern.raisedBy)
    : concern.source === 'noticed'
      ? 'Someone responsible for them'
      : 'A colleague in their unit';
  const history: { text: string }[] = concern.notices.map((n) => ({
    text: `${formatTime(n.at)}: ${n.personId === viewerId ? 'you were' : `${name(n.personId)} was`} told`,
  }));
  if (concern.acknowledged)
    history.push({ text: `${formatTime(concern.acknowledged.at)}: acknowledged by ${you(concern.acknowledged.by)}` });
  if (concern.outcome)
    history.push({
      text: `${formatTime(concern.outcome.at)}: ${outcomeTitle(concern.outcome.kind).toLowerCase()}, recorded by ${you(concern.outcome.by)}`,
    });
  const typed = args.typed ?? {};
  return {
    concernId: concern.id,
    title: `Consider a welfare conversation with ${name(concern.personId)}`,
    facts: [
      { label: 'Who', value: name(concern.personId) },
      { label: 'Why', value: categoryTitle(concern.category) },
      { label: 'From', value: from },
      { label: 'Raised', value: formatTime(concern.openedAt) },
      {
        label: 'Status',
        value: concern.outcome ? outcomeTitle(concern.outcome.kind) : concern.acknowledged ? 'Acknowledged' : 'Waiting for acknowledgement',
      },
    ],
    noteLabel: concern.raisedBy === viewerId ? 'Your note' : 'Their note',
    note: showRaiser ? asText(concern.note) : '',
    guidance:
      concern.source === 'noticed' && concern.raisedBy === viewerId
        ? 'When you have offered or held a welfare conversation, record it here. No details of the conversation are kept.'
        : `Ask ${name(concern.personId)} how they are, in your own words. Do not say who raised this, or that anyone did. No details of the conversation are kept: only whether it was held, offered or not needed.`,
    history,
    notice: args.notice ?? '',
    canAcknowledge: !args.summaryOnly && mayAct && open && !concern.acknowledged,
    canRecord: !args.summaryOnly && mayAct && open,
    canOpen: !!args.summaryOnly && open,
    outcomes: CONCERN_OUTCOMES.map((o) => ({ title: o.title, value: o.value })),
    outcome: sent(typed, 'outcome'),
    outcomeNote: sent(typed, 'outcomeNote'),
    outcomeNoteMaxLength: OUTCOME_NOTE_MAX_BYTES,
  };
}

/** The tray key of a concern: the same for everyone it reaches, so recording it clears it for all. */
export function concernTrayKey(concernId: string): string {
  return `concern:${concernId}`;
}

/** A concern as a line of the recipient's daily digest: who it is about, the category, since when. Never who raised it. */
export function concernTrayItem(concern: Concern, recipientId: string, roster: Roster): NewTrayItem {
  const name = nameIn(roster)(concern.personId);
  const day = formatDay(concern.openedAt.slice(0, 10));
  const line =
    concern.source === 'noticed' && concern.raisedBy === recipientId
      ? `Record a welfare conversation with ${name}: you noticed ${categoryTitle(concern.category)} (${day})`
      : `Consider a welfare conversation with ${name}: a concern, ${categoryTitle(concern.category)} (raised ${day})`;
  return {
    recipientId,
    key: concernTrayKey(concern.id),
    feature: 'concerns',
    aboutPersonId: concern.personId,
    line,
    since: concern.openedAt,
    actions: [
      ...(concern.acknowledged ? [] : [{ title: 'Acknowledge', verb: VERBS.concernAcknowledge, data: { concernId: concern.id } }]),
      { title: 'Open', verb: VERBS.concernShow, data: { concernId: concern.id } },
    ],
  };
}
