// The annual suitability questionnaire: the person opens it when the care item is due, saves drafts,
// and sends it; the responsible supervisor (cover while away, department head when there is no
// cover) gets it through the outbox and records the review, which records the care item as done.
// Every click is re-checked here; a refusal changes nothing and is audited as 'denied'.
import { chosenReaderNow, suitabilityReaderOptions, suitabilityViewer, type ReaderOption, type SuitabilityRoles } from './policy.ts';
import { formatDay, nameIn } from '../../kernel/format.ts';
import { contactsNow } from '../../kernel/first-route.ts';
import { contactTitle as contactTitleOf } from '../../kernel/contacts.ts';
import { careItemsFor, hasCareSchedule, mayRecordCare, recordCare } from '../care/index.ts';
import { actsNowFor, chainFor } from '../../kernel/responsibility.ts';
import {
  CONTINUE_CHOICES,
  CONTINUE_LABEL,
  REVIEW_OUTCOMES,
  SUITABILITY_MAX_CHARS,
  SUITABILITY_QUESTIONS,
  continueTitle,
  outcomeTitle,
  parseReadBy,
  parseReviewOutcome,
  parseSuitabilityAnswers,
  parseSuitabilityId,
  suitabilityId,
  type SuitabilityAnswers,
  type SuitabilityQuestionnaire,
} from './rules.ts';
import type { AuditAction, Person, Roster } from '../../kernel/types.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { suitabilityCard, suitabilityReviewCard } from './cards.ts';
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { SHOWN_CHARS, couldNotStore, shownText, tooLongProblem } from '../../kernel/text.ts';
import { fullTextCard } from '../../kernel/full-text-card.ts';
import type { ShownFact } from '../../kernel/cards.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { SuitabilityDeps } from './deps.ts';
import { beginTurn } from '../../kernel/turn.ts';
import { postToTray, resolveInTray } from '../../kernel/tray.ts';
import { VERBS } from '../../kernel/verbs.ts';

/** The tray key of a questionnaire to review: its id (`suitability:{personId}:{dueDate}`), for whoever holds it. */
export function suitabilityTrayKey(questionnaireId: string): string {
  return questionnaireId;
}

const OWNER_PRIVACY =
  "Your supervisor reads your answers: that is what the questionnaire is for. While they are away, whoever covers for them reads it instead (or the department head if nobody covers). Nobody else can open your answers in Haven; only if your supervisor escalates a concern would they share it with the department head. Your supervisor's own review note is not shown here.";
/** On the form where the unit lets them choose who reads it. */
const OWNER_PRIVACY_WITH_CHOICE =
  'Whoever you choose above reads your answers, and nobody else can open them in Haven; by default that is your supervisor (whoever covers while they are away, or the department head if nobody covers). Their own review note is not shown here.';
const CHOSEN_READER_PRIVACY =
  'They chose you to read these answers instead of their supervisor: only you can see them, and every time they are opened is recorded. Their supervisor sees only that the review is done. Do not forward or copy them. Talk them through with the officer; your note is seen by you only.';
const REVIEWER_PRIVACY =
  'Only you, as the person responsible for them now, can see these answers; every time they are opened is recorded. Do not forward or copy them. Talk them through with the officer; your note is seen by reviewers only.';

const notice = (title: string, text: string): Card => noticeCard({ title, lines: [{ text }], showFooter: true });

interface Ctx {
  me?: Person;
  actorId: string;
  now: Date;
  at: string;
  today: string;
  roster: Roster;
}

async function contextFor(deps: SuitabilityDeps, actor: Actor): Promise<Ctx> {
  const turn = await beginTurn(deps, actor);
  return { me: turn.person, actorId: turn.viewerId, now: turn.now, at: turn.at, today: turn.today, roster: turn.roster };
}

async function deny(
  deps: SuitabilityDeps,
  ctx: Ctx,
  action: AuditAction,
  subject: string,
  reason: string,
  card: Card,
  about?: string,
): Promise<Card> {
  await deps.audit.append({
    at: ctx.at,
    actor: ctx.actorId,
    action,
    subject: subject.slice(0, 120),
    ...(about ? { about } : {}),
    reason,
    outcome: 'denied',
  });
  return card;
}

const NOT_YOURS = notice(
  'This questionnaire is not yours to see',
  'Only the person who answers it and the supervisor responsible for them can open it. Nothing was shown or changed.',
);

/** The due date of the person's suitability questionnaire, if it is due or overdue today. */
async function openDueDate(deps: SuitabilityDeps, person: Person, today: string): Promise<{ dueDate: string; open: boolean }> {
  const done = (await deps.care.listRecordsFor(person.id)).map((r) => r.value);
  const item = careItemsFor(person, today, deps.careSettings.schedule, done).find((i) => i.item === 'suitability');
  return item ? { dueDate: item.dueDate, open: item.status !== 'upcoming' } : { dueDate: '', open: false };
}

/**
 * `forOthers`: shown to a reviewer, so the officer's words are text, never markdown, and long answers
 * are shortened with "Show all" (suitability.showAll). The officer sees their own whole (within its limit, it fits).
 */
function answerRows(a: SuitabilityAnswers, forOthers = false): ShownFact[] {
  return [
    ...SUITABILITY_QUESTIONS.map((q) => {
      if (!a[q.id]) return { label: q.label, value: 'No answer', more: '' };
      const shown = shownText(a[q.id], forOthers, forOthers ? SHOWN_CHARS : Infinity);
      return { label: q.label, value: shown.text, more: shown.shortened ? q.id : '' };
    }),
    { label: CONTINUE_LABEL, value: continueTitle(a.continueInRole), more: '' },
  ];
}

/** Whom the person may choose to read it now (none where the unit does not allow it), and what each choice means. */
interface ReaderForm {
  options: ReaderOption[];
  /** "Sam Okafor (your supervisor)": who reads it by default, and who is otherwise told only that it is done. */
  line: string;
  names: (id: string) => string;
}

function readerFormFor(deps: SuitabilityDeps, me: Person, roster: Roster, now: Date): ReaderForm {
  const responsible = actsNowFor(deps, me, roster, now);
  const actsNow = responsible.kind === 'nobody' ? undefined : responsible.personId;
  const names = nameIn(roster);
  const role =
    responsible.kind === 'cover'
      ? 'covering for your supervisor'
      : responsible.kind === 'supervisor'
        ? 'your supervisor'
        : 'responsible for you now';
  return {
    options: suitabilityReaderOptions(deps.policyFor(me.unitId), contactsNow(deps, me, roster, now), actsNow),
    line: actsNow ? `${names(actsNow)} (${role})` : 'Your supervisor',
    names,
  };
}

/** The sentence the person reads before sending, and again once sent: exactly who reads it and who is told only that it is done. */
function readerSentence(reader: ReaderForm, chosen: ReaderOption | undefined): string {
  if (!chosen) return `${reader.line} will read your answers.`;
  return `${reader.names(chosen.personId)} (${chosen.title}) will read your answers; ${reader.line} will see only that your review is done.`;
}

function formCard(id: string, dueDate: string, answers: SuitabilityAnswers, noticeText = '', reader?: ReaderForm, readByValue = ''): Card {
  const options = reader?.options ?? [];
  return suitabilityCard({
    readerChoices: options.length
      ? [
          { title: `${reader!.line}, as usual`, value: 'supervisor' },
          ...options.map((o) => ({ title: `${reader!.names(o.personId)} (${o.title})`, value: o.kind })),
        ]
      : [],
    readByValue: options.some((o) => o.kind === readByValue) ? readByValue : 'supervisor',
    readerLines: options.length ? [undefined, ...options].map((o) => ({ text: readerSentence(reader!, o) })) : [],
    questionnaireId: id,
    title: 'Your annual suitability questionnaire',
    intro: `Due by ${formatDay(dueDate)}. There are no right answers and nothing is scored: say it in your own words. Questions marked "required" need an answer before you send it; you can save a draft and come back.`,
    notice: noticeText,
    editable: true,
    questions: SUITABILITY_QUESTIONS.map((q) => ({
      id: q.id,
      label: q.required ? `${q.label} (required)` : q.label,
      value: answers[q.id] ?? '',
    })),
    maxLength: SUITABILITY_MAX_CHARS,
    continueLabel: `${CONTINUE_LABEL} (required)`,
    continueChoices: CONTINUE_CHOICES.map((c) => ({ title: c.title, value: c.value })),
    continueValue: answers.continueInRole ?? '',
    answers: [],
    statusLine: '',
    privacy: options.length ? OWNER_PRIVACY_WITH_CHOICE : OWNER_PRIVACY,
  });
}

function ownViewCard(q: SuitabilityQuestionnaire, roster: Roster, noticeText = ''): Card {
  const reader = q.readBy ? nameIn(roster)(q.readBy.personId) : undefined;
  const statusLine =
    q.status === 'reviewed' && q.review
      ? `${outcomeTitle(q.review.outcome)} (${formatDay(q.review.doneOn)}).`
      : `Sent on ${formatDay(q.submittedAt!.slice(0, 10))}; waiting for ${reader ? `${reader}'s` : "your supervisor's"} review.`;
  return suitabilityCard({
    readerChoices: [],
    readByValue: '',
    readerLines: [],
    questionnaireId: q.id,
    title: 'Your suitability questionnaire',
    intro: `For the questionnaire due by ${formatDay(q.dueDate)}. These are your answers as you sent them.`,
    notice: noticeText,
    editable: false,
    questions: [],
    maxLength: SUITABILITY_MAX_CHARS,
    continueLabel: CONTINUE_LABEL,
    continueChoices: [],
    continueValue: '',
    answers: answerRows(q.answers),
    statusLine,
    privacy:
      q.readBy && reader
        ? `You chose ${reader} (${contactTitleOf(q.readBy.kind)}) to read your answers: nobody else can open them in Haven, and your supervisor sees only that your review is done. The reviewer's own note is not shown here.`
        : OWNER_PRIVACY,
  });
}

/** `typedNote`: the reviewer's note as typed, kept on the form when the review is refused. */
export function reviewCardFor(q: SuitabilityQuestionnaire, roster: Roster, canReview: boolean, noticeText = '', typedNote = ''): Card {
  const note = q.review && q.reviewNote ? shownText(q.reviewNote, true) : undefined;
  const person = roster.people.find((p) => p.id === q.personId);
  const name = (id: string) => roster.people.find((p) => p.id === id)?.name ?? id;
  return suitabilityReviewCard({
    questionnaireId: q.id,
    title: `Suitability questionnaire: ${person?.name ?? q.personId}`,
    notice: noticeText,
    facts: [
      { label: 'Who', value: person?.name ?? q.personId },
      { label: 'Due', value: formatDay(q.dueDate) },
      ...(q.submittedAt ? [{ label: 'Sent', value: formatDay(q.submittedAt.slice(0, 10)) }] : []),
    ],
    answers: answerRows(q.answers, true),
    reviewedLine: q.review ? `${outcomeTitle(q.review.outcome)}: by ${name(q.review.by)}, ${formatDay(q.review.doneOn)}.` : '',
    note: note ? `Note: ${note.text}` : '',
    noteMore: note?.shortened ?? false,
    canReview: canReview && q.status === 'submitted',
    typedNote,
    outcomeChoices: REVIEW_OUTCOMES.map((o) => ({ title: o.title, value: o.value })),
    privacy: q.readBy ? CHOSEN_READER_PRIVACY : REVIEWER_PRIVACY,
  });
}

/** "suitability" / the reminder's button: the form while it is due, else their latest one or when the next is due. */
export async function openSuitability(deps: SuitabilityDeps, actor: Actor): Promise<Card> {
  const ctx = await contextFor(deps, actor);
  const me = ctx.me;
  if (!me || !hasCareSchedule(me))
    return notice(
      'The suitability questionnaire is for members of the unit',
      'Haven asks officers and staff who work with the material to fill it in once a year. Nothing was changed.',
    );
  const due = await openDueDate(deps, me, ctx.today);
  if (due.open) {
    const stored = await deps.suitability.get(suitabilityId(me.id, due.dueDate));
    if (stored && stored.value.status !== 'draft') return ownViewCard(stored.value, ctx.roster);
    return formCard(
      suitabilityId(me.id, due.dueDate),
      due.dueDate,
      stored?.value.answers ?? {},
      stored ? 'Your saved draft is filled in below.' : '',
      readerFormFor(deps, me, ctx.roster, ctx.now),
    );
  }
  const latest = (await deps.suitability.listForPerson(me.id))
    .map((q) => q.value)
    .filter((q) => q.status !== 'draft')
    .sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0];
  const next = due.dueDate
    ? `Your next questionnaire is due by ${formatDay(due.dueDate)}; Haven will remind you.`
    : 'Haven will remind you when your next one is due.';
  return latest ? ownViewCard(latest, ctx.roster, next) : notice('Your suitability questionnaire is not due yet', next);
}

type Checked =
  { ok: true; me: Person; id: string; dueDate: string; stored?: Versioned<SuitabilityQuestionnaire> } | { ok: false; card: Card };

/** The person answering: it must be their own questionnaire, and the one due now. */
async function checkOwnAndOpen(deps: SuitabilityDeps, ctx: Ctx, id: string, action: AuditAction): Promise<Checked> {
  const parsed = parseSuitabilityId(id);
  if (!parsed || !ctx.me || parsed.personId !== ctx.me.id || !hasCareSchedule(ctx.me)) {
    return {
      ok: false,
      card: await deny(
        deps,
        ctx,
        action,
        parsed ? id : 'suitability:unknown',
        parsed ? 'not their questionnaire' : 'unknown questionnaire',
        notice(
          'This questionnaire is not yours to answer',
          'Nothing was saved. Type "suitability" in your chat with Haven to open your own.',
        ),
      ),
    };
  }
  const stored = await deps.suitability.get(id);
  if (stored && stored.value.status !== 'draft')
    return { ok: false, card: ownViewCard(stored.value, ctx.roster, 'You have already sent this questionnaire. Nothing was changed.') };
  const due = await openDueDate(deps, ctx.me, ctx.today);
  if (!due.open || due.dueDate !== parsed.dueDate)
    return {
      ok: false,
      card: notice('This questionnaire is no longer open', 'Nothing was saved. Type "suitability" to see the one that is due now, if any.'),
    };
  return { ok: true, me: ctx.me, id, dueDate: parsed.dueDate, stored };
}

async function store(
  deps: SuitabilityDeps,
  next: SuitabilityQuestionnaire,
  stored: Versioned<SuitabilityQuestionnaire> | undefined,
): Promise<void> {
  if (stored) await deps.suitability.save(next, stored.version);
  else if ((await deps.suitability.add(next)) === 'duplicate') throw new VersionConflict(`suitability questionnaire ${next.id}`);
}

/** Storage refused or was unreachable: the form comes back with every answer, and says so. */
const notStored = (error: unknown): string =>
  couldNotStore(error, { tooLarge: 'Your answers are too long to keep together; please shorten the longest.', nothing: 'sent' }).message;

export async function saveSuitabilityDraft(deps: SuitabilityDeps, actor: Actor, id: string, input: Record<string, unknown>): Promise<Card> {
  const ctx = await contextFor(deps, actor);
  const c = await checkOwnAndOpen(deps, ctx, id, 'suitability.save');
  if (!c.ok) return c.card;
  const parsed = parseSuitabilityAnswers(input, 'draft');
  const reader = readerFormFor(deps, c.me, ctx.roster, ctx.now);
  const typedReader = typeof input.readBy === 'string' ? input.readBy : '';
  if (!parsed.ok)
    return formCard(
      id,
      c.dueDate,
      { ...c.stored?.value.answers, ...parsed.answers },
      `Nothing was saved. ${parsed.problems.join(' ')}`,
      reader,
      typedReader,
    );
  const next: SuitabilityQuestionnaire = c.stored
    ? { ...c.stored.value, answers: parsed.answers, updatedAt: ctx.at }
    : {
        id,
        personId: c.me.id,
        unitId: c.me.unitId,
        dueDate: c.dueDate,
        status: 'draft',
        answers: parsed.answers,
        createdAt: ctx.at,
        updatedAt: ctx.at,
        sharedWith: [],
      };
  try {
    await store(deps, next, c.stored);
  } catch (error) {
    if (!(error instanceof VersionConflict)) return formCard(id, c.dueDate, parsed.answers, notStored(error), reader, typedReader);
    return formCard(
      id,
      c.dueDate,
      parsed.answers,
      'Your draft changed somewhere else at the same moment. Nothing was saved: please press "Save a draft" again.',
      reader,
      typedReader,
    );
  }
  await deps.audit.append({
    at: ctx.at,
    actor: c.me.id,
    action: 'suitability.save',
    subject: id,
    about: c.me.id,
    reason: 'draft',
    outcome: 'ok',
  });
  return formCard(
    id,
    c.dueDate,
    parsed.answers,
    'Draft saved. Only you can see a draft; nothing is sent until you press "Send my answers".',
    reader,
    typedReader,
  );
}

export async function submitSuitability(deps: SuitabilityDeps, actor: Actor, id: string, input: Record<string, unknown>): Promise<Card> {
  const ctx = await contextFor(deps, actor);
  const c = await checkOwnAndOpen(deps, ctx, id, 'suitability.submit');
  if (!c.ok) return c.card;
  const parsed = parseSuitabilityAnswers(input, 'submit');
  const reader = readerFormFor(deps, c.me, ctx.roster, ctx.now);
  const typedReader = typeof input.readBy === 'string' ? input.readBy : '';
  const readBy = parseReadBy(input, reader.options);
  const problems = [...(parsed.ok ? [] : parsed.problems), ...(readBy.ok ? [] : [readBy.problem])];
  if (!parsed.ok || !readBy.ok)
    return formCard(
      id,
      c.dueDate,
      { ...c.stored?.value.answers, ...parsed.answers },
      `Nothing was sent yet. ${problems.join(' ')}`,
      reader,
      typedReader,
    );
  const chosen = reader.options.find((o) => o.kind === readBy.readBy?.kind);
  const responsible = actsNowFor(deps, c.me, ctx.roster, ctx.now);
  const reviewerId = chosen ? chosen.personId : responsible.kind === 'nobody' ? undefined : responsible.personId;
  const base = c.stored?.value ?? { id, personId: c.me.id, unitId: c.me.unitId, dueDate: c.dueDate, createdAt: ctx.at, sharedWith: [] };
  const submitted: SuitabilityQuestionnaire = {
    ...base,
    status: 'submitted',
    answers: parsed.answers,
    updatedAt: ctx.at,
    submittedAt: ctx.at,
    sharedWith: reviewerId ? [reviewerId] : [],
    ...(readBy.readBy ? { readBy: readBy.readBy } : {}),
  };
  try {
    await store(deps, submitted, c.stored);
  } catch (error) {
    if (!(error instanceof VersionConflict)) return formCard(id, c.dueDate, parsed.answers, notStored(error), reader, typedReader);
    const again = await deps.suitability.get(id);
    if (again && again.value.status !== 'draft')
      return ownViewCard(again.value, ctx.roster, 'You have already sent this questionnaire. Nothing was changed.');
    throw error;
  }
  await deps.audit.append({
    at: ctx.at,
    actor: c.me.id,
    action: 'suitability.submit',
    subject: id,
    about: c.me.id,
    reason: chosen ? `to ${chosen.kind} (chosen)` : reviewerId ? `to ${responsible.kind}` : 'nobody responsible available',
    outcome: 'ok',
  });
  // The choice itself, without names (issue 14 part 2).
  if (chosen)
    await deps.audit.append({
      at: ctx.at,
      actor: c.me.id,
      action: 'suitability.readerChosen',
      subject: id,
      about: c.me.id,
      reason: chosen.kind,
      outcome: 'ok',
    });
  if (reviewerId) {
    // No third person's name on the line (the absent supervisor): a subject request finds tray rows by
    // recipient and by who they are about, never by a name inside the words.
    const why = chosen
      ? ` (they chose you, as ${chosen.title}, to read it instead of their supervisor)`
      : responsible.kind === 'cover'
        ? ' (you are covering for their supervisor)'
        : responsible.kind === 'departmentHead'
          ? ' (their supervisor is not available and nobody covers)'
          : '';
    // A line in the reviewer's tray (their daily digest), not a card: reviewing is not urgent, and the
    // line carries no answer. The answers are read on the card "Open" shows (suitability.view), which
    // asks policy.ts again and audits the read then; the line closes when the review is recorded.
    await postToTray(deps, {
      recipientId: reviewerId,
      key: suitabilityTrayKey(id),
      feature: 'suitability',
      aboutPersonId: c.me.id,
      line: `${c.me.name} sent their suitability questionnaire for you to review${why}`,
      since: ctx.at,
      actions: [{ title: 'Open to review', verb: VERBS.suitabilityView, data: { questionnaireId: id } }],
    });
  }
  const who = reviewerId ? (ctx.roster.people.find((p) => p.id === reviewerId)?.name ?? 'your supervisor') : 'your supervisor';
  return ownViewCard(
    submitted,
    ctx.roster,
    chosen
      ? `Thank you: your answers are stored. ${readerSentence(reader, chosen)}`
      : `Thank you: your answers are stored and shared with ${who}, who will read them and talk them through with you.`,
  );
}

/** Reopens a questionnaire: the person's own view, or the reviewer's card (audited). */
/** Who holds a role for the person now, for the policy. */
function rolesFor(
  deps: SuitabilityDeps,
  q: Pick<SuitabilityQuestionnaire, 'readBy'>,
  person: Person | undefined,
  roster: Roster,
  now: Date,
): SuitabilityRoles {
  if (!person) return { chain: [] };
  const chain = chainFor(deps, person, roster, now).map((e) => e.personId);
  const chosenKindNow = q.readBy
    ? (contactsNow(deps, person, roster, now).find((c) => c.kind === q.readBy!.kind)?.personIds ?? [])
    : undefined;
  return { actsNow: chain[0], chain, chosenKindNow };
}

export async function viewSuitability(deps: SuitabilityDeps, actor: Actor, id: string): Promise<Card> {
  const ctx = await contextFor(deps, actor);
  const stored = parseSuitabilityId(id) ? await deps.suitability.get(id) : undefined;
  if (!stored)
    return deny(deps, ctx, 'suitability.read', parseSuitabilityId(id) ? id : 'suitability:unknown', 'unknown questionnaire', NOT_YOURS);
  const q = stored.value;
  const person = ctx.roster.people.find((p) => p.id === q.personId);
  const roles = rolesFor(deps, q, person, ctx.roster, ctx.now);
  const viewer = suitabilityViewer(q, ctx.actorId, roles);
  if (viewer === 'owner') return q.status === 'draft' ? openSuitability(deps, actor) : ownViewCard(q, ctx.roster);
  if (viewer === 'none' || !person) return deny(deps, ctx, 'suitability.read', id, 'not entitled', NOT_YOURS, q.personId);
  await deps.audit.append({
    at: ctx.at,
    actor: ctx.actorId,
    action: 'suitability.read',
    subject: id,
    about: q.personId,
    reason: 'opened',
    outcome: 'ok',
  });
  return reviewCardFor(
    q,
    ctx.roster,
    mayRecordCare(person, ctx.roster, ctx.actorId, ctx.now, actsNowFor(deps, person, ctx.roster, ctx.now), {
      item: 'suitability',
      suitabilityReaderId: chosenReaderNow(q, roles),
    }),
  );
}

/** "Show all" on a shortened answer or the reviewer's note: the same checks and audit as opening the card, for one field. */
export async function showAllSuitability(deps: SuitabilityDeps, actor: Actor, id: string, field: string): Promise<Card> {
  const ctx = await contextFor(deps, actor);
  const stored = parseSuitabilityId(id) ? await deps.suitability.get(id) : undefined;
  if (!stored)
    return deny(deps, ctx, 'suitability.read', parseSuitabilityId(id) ? id : 'suitability:unknown', 'unknown questionnaire', NOT_YOURS);
  const q = stored.value;
  const person = ctx.roster.people.find((p) => p.id === q.personId);
  const viewer = suitabilityViewer(q, ctx.actorId, rolesFor(deps, q, person, ctx.roster, ctx.now));
  // The officer never sees the reviewer's note; anyone else must be entitled to the answers now.
  if (viewer === 'none' || !person || (viewer === 'owner' && (field === 'reviewNote' || q.status === 'draft')))
    return deny(deps, ctx, 'suitability.read', id, `show all: ${field}: not entitled`, NOT_YOURS, q.personId);
  const question = SUITABILITY_QUESTIONS.find((x) => x.id === field);
  const text = question ? q.answers[question.id] : q.review ? q.reviewNote : undefined;
  if (viewer === 'reviewer')
    await deps.audit.append({
      at: ctx.at,
      actor: ctx.actorId,
      action: 'suitability.read',
      subject: id,
      about: q.personId,
      reason: `show all: ${field}`,
      outcome: 'ok',
    });
  return fullTextCard({
    title: viewer === 'owner' ? 'Your suitability questionnaire' : `Suitability questionnaire: ${person.name}`,
    label: question?.label ?? 'Note',
    text: text ?? '',
    forOthers: viewer !== 'owner',
  });
}

export async function reviewSuitability(
  deps: SuitabilityDeps,
  actor: Actor,
  id: string,
  input: { outcome: string; note?: string },
): Promise<Card> {
  const ctx = await contextFor(deps, actor);
  const stored = parseSuitabilityId(id) ? await deps.suitability.get(id) : undefined;
  const person = stored ? ctx.roster.people.find((p) => p.id === stored.value.personId) : undefined;
  if (!stored || !person)
    return deny(deps, ctx, 'suitability.review', parseSuitabilityId(id) ? id : 'suitability:unknown', 'unknown questionnaire', NOT_YOURS);
  const q = stored.value;
  const responsible = actsNowFor(deps, person, ctx.roster, ctx.now);
  const roles = rolesFor(deps, q, person, ctx.roster, ctx.now);
  const viewer = suitabilityViewer(q, ctx.actorId, roles);
  // Reviewing records care as done: only someone who may record care and who has the answers.
  const chosen = { item: 'suitability', suitabilityReaderId: chosenReaderNow(q, roles) };
  if (viewer !== 'reviewer' || !mayRecordCare(person, ctx.roster, ctx.actorId, ctx.now, responsible, chosen))
    return deny(deps, ctx, 'suitability.review', id, 'not entitled', NOT_YOURS, q.personId);
  await deps.audit.append({
    at: ctx.at,
    actor: ctx.actorId,
    action: 'suitability.read',
    subject: id,
    about: q.personId,
    reason: 'review',
    outcome: 'ok',
  });
  if (q.status === 'reviewed')
    return reviewCardFor(q, ctx.roster, false, 'This questionnaire has already been reviewed. Nothing was changed.');
  const outcome = parseReviewOutcome(input.outcome);
  const note = (input.note ?? '').trim();
  if (!outcome) return reviewCardFor(q, ctx.roster, true, 'Choose "no concerns" or "follow-up agreed". Nothing was changed.');
  const tooLong = tooLongProblem('your note', note, SUITABILITY_MAX_CHARS);
  if (tooLong) return reviewCardFor(q, ctx.roster, true, `${tooLong} Nothing was changed.`, note);

  const reviewed: SuitabilityQuestionnaire = {
    ...q,
    status: 'reviewed',
    updatedAt: ctx.at,
    review: { outcome, by: ctx.actorId, at: ctx.at, doneOn: ctx.today },
    ...(note ? { reviewNote: note } : {}),
  };
  try {
    await deps.suitability.save(reviewed, stored.version);
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    const again = await deps.suitability.get(id);
    return reviewCardFor(
      again?.value ?? q,
      ctx.roster,
      again?.value.status === 'submitted',
      'Someone else changed this questionnaire at the same moment. Nothing was changed: look again before recording.',
    );
  }
  await deps.audit.append({
    at: ctx.at,
    actor: ctx.actorId,
    action: 'suitability.review',
    subject: id,
    about: q.personId,
    reason: outcome,
    outcome: 'ok',
  });
  await resolveInTray(deps, suitabilityTrayKey(id), ctx.now);
  // The same path as "Record as done": the schedule moves on and the overdue escalation stops.
  const recorded = await recordCare(deps, actor, { personId: person.id, item: 'suitability', doneOn: ctx.today }, 'reminder', {
    suitabilityReaderId: chosen.suitabilityReaderId,
  });
  await deps.notifier.enqueue({
    id: `${id}:reviewed`,
    lane: 'bulk',
    target: { kind: 'person', personId: person.id },
    operation: 'send',
    purpose: 'suitability.reviewed',
    activity: {
      text: NEUTRAL_HEADLINE,
      card: notice(
        'Your suitability questionnaire has been reviewed',
        `${outcomeTitle(outcome)}. Type "suitability" to see your answers again.`,
      ),
    },
  });
  const done = (await deps.care.listRecordsFor(person.id)).map((r) => r.value);
  const next = careItemsFor(person, ctx.today, deps.careSettings.schedule, done).find((i) => i.item === 'suitability');
  return reviewCardFor(
    reviewed,
    ctx.roster,
    false,
    `${recorded.ok ? 'Recorded' : 'Review stored, but the care record was refused'}: ${outcomeTitle(outcome)}.${next ? ` The next questionnaire is due by ${formatDay(next.dueDate)}.` : ''}`,
  );
}
