// Data-protection requests about one person: a subject access export (everything Haven holds about
// them, their own free text decrypted) and an erasure. Pure orchestration over ports.
//
// Erasure policy (docs/deploy.md, "Subject access and erasure", says why):
// - the person's own data is deleted: roster entry and identity aliases, their declarations, their
//   conversation reference, their own absences, and every outbox message to them or about their
//   declarations;
// - where their id appears in a record that belongs to someone else (another person's closed
//   request they responded to, another supervisor's past absence they covered) or in the audit
//   trail, it is replaced by one random pseudonym (`erased:<16 hex>`). The audit rows stay: the trail
//   of who did what and when is the force's accountability record. Haven keeps no link from the
//   pseudonym back to the person; the command prints it once for the request file.
// - it is refused, changing nothing, while Haven still has work that involves them: an open
//   request of theirs (an open welfare case must be closed first), a request of someone else's that
//   still names them and is open or has follow-ups due, roster rows that name them as supervisor,
//   cover, department head or "above", a current or future absence they cover, or
//   HAVEN_FALLBACK_RESPONDERS naming them.
// - pre-deployment journeys follow the same rule: a journey of theirs as the candidate is their data
//   (deleted, with the messages about it; refused while it is still in progress); a closed journey
//   of someone else that names them (as trainer, opener or reviewer) is pseudonymised; an open one
//   blocks the erasure.
import { randomBytes } from 'node:crypto';
import { DECLARATION_KINDS, isOpen, type Declaration } from '../declarations/index.ts';
import { isJourneyClosed, type Journey } from '../journeys/index.ts';
import { ROLES, type Absence, type AuditEntry, type ConversationRef, type Person } from '../../kernel/types.ts';
import type { SuitabilityQuestionnaire } from '../suitability/index.ts';
import type { CareRecord, StagedExposure } from '../care/index.ts';
import { VersionConflict, type OutboxMessage, type OutboxRepository, type Versioned } from '../../kernel/ports.ts';
import type { SubjectDeps as AllDeps } from './deps.ts';

export type SubjectDeps = Pick<AllDeps, 'people' | 'units' | 'absences' | 'conversations' | 'declarations' | 'journeys' | 'audit' | 'clock' | 'fallbackResponders'> & Partial<Pick<AllDeps, 'checkIns' | 'flags' | 'suitability' | 'care' | 'stages'>> & {
  /** The outbox as a repository (the notifier port only enqueues). */
  outbox: OutboxRepository;
};

export const SUBJECT_EXPORT_FORMAT = 'haven.subject-export.v1';

export interface SubjectExport {
  format: typeof SUBJECT_EXPORT_FORMAT;
  exportedAt: string;
  personId: string;
  /** The roster entry, as stored (identity ids, unit, supervisor, working pattern, viewing status). */
  rosterEntry: Person;
  unit?: { id: string; name: string };
  /** Absences recorded for them (as a supervisor who is away). */
  absences: Absence[];
  /** Every request they raised, open or not, with the note and the risk assessment decrypted. */
  declarations: Declaration[];
  /** Their pre-deployment journeys as the candidate, answers and drafts decrypted. */
  journeys: Journey[];
  /** Where Haven can reach them in Teams. */
  conversations: ConversationRef[];
  /**
   * Their annual suitability questionnaires, answers decrypted, with the review outcome and the
   * reviewer's note (in Teams the note is shown to reviewers only; a subject access request is the
   * formal route to everything held about them, and whoever handles it applies any exemption).
   */
  suitability?: SuitabilityQuestionnaire[];
  /** Their staged-exposure record (stage, history, reflections and private notes decrypted). */
  stagedExposure?: StagedExposure;
  /** Care recorded for them (what, when, by whom). */
  care?: CareRecord[];
  /** Messages Haven queued or sent to them: purpose, status and dates only. */
  messages: { purpose: string; status: OutboxMessage['status']; createdAt: string; sentAt?: string }[];
  /** Audit rows where they are the actor or the subject, or the subject is one of their requests. */
  audit: AuditEntry[];
  /** What is deliberately not in this export, and why. */
  notIncluded: string[];
}

export type SubjectRefusal = { ok: false; code: 'unknownPerson' | 'blocked'; message: string };

/**
 * One person's identifiers, found wherever Haven writes them: as a whole value (`notified`,
 * `closed.by`, an audit actor) or as one `:`-separated segment (`person:<id>`, outbox ids such as
 * `decl-…:r2:1:alertResponder:<id>`). Teams user ids and Entra object ids are long and unique, so
 * they are matched anywhere as whole tokens.
 */
class Identifiers {
  readonly unrosteredId: string;
  private readonly tokens: RegExp[];

  constructor(readonly person: Person) {
    this.unrosteredId = `unrostered:${person.teamsUserId}`;
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const token = (s: string, flags: string) => new RegExp(`(?<![A-Za-z0-9._-])${escape(s)}(?![A-Za-z0-9._-])`, flags);
    this.tokens = [
      ...(person.teamsUserId ? [token(person.teamsUserId, 'g')] : []),
      ...(person.aadObjectId ? [token(person.aadObjectId, 'gi')] : []),
    ];
  }

  private replaceString(s: string, pseudonym: string): string {
    let out = this.tokens.reduce((x, p) => x.replace(p, pseudonym), s);
    if (out === this.person.id) return pseudonym;
    if (out.includes(':')) out = out.split(':').map((segment) => (segment === this.person.id ? pseudonym : segment)).join(':');
    return out;
  }

  mentionedIn(value: unknown): boolean {
    if (typeof value === 'string') return this.replaceString(value, '\u0000') !== value;
    if (Array.isArray(value)) return value.some((v) => this.mentionedIn(v));
    if (value && typeof value === 'object') return Object.values(value).some((v) => this.mentionedIn(v));
    return false;
  }

  /** A deep copy with every mention replaced by the pseudonym (keys are left alone). */
  replaceIn<T>(value: T, pseudonym: string): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.replaceString(v, pseudonym);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }

  owns(d: Declaration): boolean {
    return d.personId === this.person.id || d.personId === this.unrosteredId;
  }
}

/**
 * Words Haven itself writes as whole values or segments (roles, events, statuses, id parts). A
 * roster id equal to one of them cannot be told apart from them, so it is not erased automatically.
 */
const VOCABULARY = new Set<string>([
  ...ROLES, ...DECLARATION_KINDS.map((k) => k.value), 'person', 'channel', 'declaration', 'journey', 'roster', 'system', 'unrostered', 'erased', 'admin-cli', 'responder',
  'cover', 'above', 'fallback', 'automatic', 'raised', 'alerted', 'escalated', 'unreachable', 'acknowledged', 'realerted', 'reassigned',
  'closed', 'withdrawn', 'open', 'assessed', 'ok', 'denied', 'failed', 'pending', 'sending', 'sent',
]);
const isVocabulary = (id: string) => VOCABULARY.has(id) || /^r?\d+$/.test(id);

function unknownPerson(personId: string): SubjectRefusal {
  return { ok: false, code: 'unknownPerson', message: `No person with id "${personId.slice(0, 80)}" is on Haven's roster. Nothing was changed.` };
}

const EVER = ['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'] as const;

/** Has Haven still work to do on this request (alerts, escalation, follow-ups)? */
function stillActive(d: Declaration): boolean {
  return isOpen(d) || (d.status !== 'withdrawn' && (d.followUps ?? []).some((f) => !f.sentAt));
}

interface Gathered {
  person: Versioned<Person>;
  ids: Identifiers;
  own: Versioned<Declaration>[];
  others: Versioned<Declaration>[];
  ownJourneys: Versioned<Journey>[];
  otherJourneys: Versioned<Journey>[];
  outbox: Versioned<OutboxMessage>[];
  conversation?: Versioned<ConversationRef>;
  ownAbsences: Versioned<Absence>[];
  coveredAbsences: Versioned<Absence>[];
  audit: AuditEntry[];
}

async function gather(deps: SubjectDeps, personId: string): Promise<Gathered | undefined> {
  const person = await deps.people.get(personId);
  if (!person) return undefined;
  const ids = new Identifiers(person.value);
  const declarations = await deps.declarations.list();
  const own = declarations.filter((d) => ids.owns(d.value));
  const others = declarations.filter((d) => !ids.owns(d.value) && ids.mentionedIn(d.value));
  const journeys = await deps.journeys.list();
  const ownJourneys = journeys.filter((j) => j.value.candidateId === personId);
  const otherJourneys = journeys.filter((j) => j.value.candidateId !== personId && ids.mentionedIn(j.value));
  const ownIds = [...own.map((d) => d.value.id), ...ownJourneys.map((j) => `journey:${j.value.id}`)];
  const aboutOwn = (s: string | undefined) => !!s && ownIds.some((id) => s === id || s.startsWith(`${id}:`));
  const outbox = (await deps.outbox.list()).filter(({ value: m }) =>
    (m.target.kind === 'person' && m.target.personId === personId) || aboutOwn(m.id) || aboutOwn(m.updateOf) || ids.mentionedIn([m.id, m.updateOf ?? '', m.target])
    // Messages to others that name them (a flag or care reminder about them, a weekly team card).
    || m.id.includes(personId) || JSON.stringify(m.activity).includes(person.value.name));
  const absences = await deps.absences.list();
  const auditRows = await deps.audit.list(...EVER);
  const mentions = isVocabulary(personId)
    ? (a: AuditEntry) => a.actor === personId || a.subject === `person:${personId}`
    : (a: AuditEntry) => ids.mentionedIn([a.actor, a.subject, a.reason]);
  const audit = auditRows.filter((a) => mentions(a) || ownIds.some((id) => a.subject === `declaration:${id}` || a.subject === id));
  return {
    person, ids, own, others, ownJourneys, otherJourneys, outbox,
    conversation: await deps.conversations.get({ kind: 'person', personId }),
    ownAbsences: absences.filter((a) => a.value.personId === personId),
    coveredAbsences: absences.filter((a) => a.value.personId !== personId && a.value.coverId === personId),
    audit,
  };
}

/**
 * Subject access: everything Haven holds about the person, their own notes decrypted (it is their
 * data). Nothing of anyone else's requests. The export itself is audited before it is handed over.
 */
export async function exportSubject(deps: SubjectDeps, personId: string, actor = 'admin-cli'): Promise<{ ok: true; export: SubjectExport } | SubjectRefusal> {
  const g = await gather(deps, personId);
  if (!g) return unknownPerson(personId);
  const units = await deps.units.get(g.person.value.unitId);
  const now = deps.clock.now().toISOString();
  const data: SubjectExport = {
    format: SUBJECT_EXPORT_FORMAT,
    exportedAt: now,
    personId,
    rosterEntry: g.person.value,
    unit: units ? { id: units.value.id, name: units.value.name } : undefined,
    absences: g.ownAbsences.map((a) => a.value),
    // pendingEffects are Haven's own bookkeeping of messages not yet queued, not data about the person.
    declarations: g.own.map(({ value: { pendingEffects: _pending, ...d } }) => d as Declaration).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt)),
    journeys: g.ownJourneys.map(({ value: { pendingEffects: _pending, ...j } }) => j as Journey).sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
    conversations: g.conversation ? [g.conversation.value] : [],
    ...(deps.suitability ? { suitability: (await deps.suitability.listForPerson(personId)).map((q) => q.value).sort((a, b) => a.dueDate.localeCompare(b.dueDate)) } : {}),
    ...(deps.stages ? { stagedExposure: (await deps.stages.get(personId))?.value } : {}),
    ...(deps.care ? { care: (await deps.care.listRecordsFor(personId)).map((r) => r.value).sort((a, b) => a.doneOn.localeCompare(b.doneOn)) } : {}),
    messages: g.outbox
      .filter(({ value: m }) => m.target.kind === 'person' && m.target.personId === personId)
      .map(({ value: m }) => ({ purpose: m.purpose, status: m.status, createdAt: m.createdAt, ...(m.sentAt ? { sentAt: m.sentAt } : {}) }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    audit: g.audit,
    notIncluded: [
      'The content of messages Haven sent (cards): they show the data above, which is included in full.',
      'Requests raised by other people, including any this person responded to: they are those people\'s data. This person\'s actions on them are in the audit rows.',
      'Absences of other supervisors this person covered, and other people\'s roster entries.',
    ],
  };
  await deps.audit.append({ at: now, actor, action: 'subject.export', subject: `person:${personId}`, reason: 'subject access request', outcome: 'ok' });
  return { ok: true, export: data };
}

export interface ErasurePlan {
  personId: string;
  /** Why the erasure cannot go ahead now; empty when it can. */
  blockers: string[];
  remove: {
    rosterEntry: string;
    /** Identity aliases (Entra object id, Teams user id) that resolve to the roster entry. */
    identityAliases: number;
    declarations: string[];
    journeys: string[];
    conversations: number;
    outboxMessages: number;
    absences: string[];
  };
  pseudonymise: {
    /** Other people's requests that name them (as a responder). */
    declarations: string[];
    /** Other candidates' closed journeys that name them (as trainer, opener or reviewer). */
    journeys: string[];
    /** Other supervisors' past absences they covered. */
    absences: string[];
    auditRows: number;
  };
}

function planFrom(deps: SubjectDeps, g: Gathered, roster: { people: Person[]; units: { id: string; departmentHeadId?: string; aboveId?: string }[] }): ErasurePlan {
  const id = g.person.value.id;
  const today = deps.clock.now().toISOString().slice(0, 10);
  const blockers: string[] = [];
  if (isVocabulary(id)) blockers.push(`The id "${id}" is also a word Haven writes in its own records, so its mentions cannot be told apart from them; this person cannot be erased automatically.`);
  const openOwn = g.own.filter((d) => isOpen(d.value));
  if (openOwn.length) {
    blockers.push(`${id} has ${openOwn.length} open request(s) (${openOwn.map((d) => d.value.id).join(', ')}). An open welfare case must be closed first: its responders close it in Teams once it is looked after.`);
  }
  const activeOthers = g.others.filter((d) => stillActive(d.value));
  if (activeOthers.length) {
    blockers.push(`${id} is named on ${activeOthers.length} other person's request(s) that Haven is still working on (${activeOthers.map((d) => d.value.id).join(', ')}): open, or with peer-support follow-ups still due. Erase once they are closed and their follow-ups sent (reassign first if ${id} is the one on call).`);
  }
  const openJourneys = [...g.ownJourneys, ...g.otherJourneys].filter((j) => !isJourneyClosed(j.value)).map((j) => j.value.id);
  if (openJourneys.length) blockers.push(`${id} is on ${openJourneys.length} pre-deployment journey(s) still in progress (${openJourneys.join(', ')}): erase once they are withdrawn, cancelled or ready to start.`);
  const supervised = roster.people.filter((p) => p.id !== id && (p.supervisorId === id || p.coverId === id)).map((p) => p.id);
  if (supervised.length) blockers.push(`The roster names ${id} as supervisor or cover of ${supervised.join(', ')}: import a roster that names someone else, then erase.`);
  const units = roster.units.filter((u) => u.departmentHeadId === id || u.aboveId === id).map((u) => u.id);
  if (units.length) blockers.push(`The roster names ${id} as department head or "above" of unit(s) ${units.join(', ')}: import a roster that names someone else, then erase.`);
  const covering = g.coveredAbsences.filter((a) => a.value.to >= today).map((a) => a.value.id);
  if (covering.length) blockers.push(`${id} covers current or future absence(s) ${covering.join(', ')}: import a roster with another cover, then erase.`);
  if (deps.fallbackResponders.includes(id)) blockers.push(`${id} is in HAVEN_FALLBACK_RESPONDERS: remove them from the configuration and restart Haven, then erase.`);

  const p = g.person.value;
  return {
    personId: id,
    blockers,
    remove: {
      rosterEntry: id,
      identityAliases: [p.aadObjectId, p.teamsUserId].filter(Boolean).length,
      declarations: g.own.map((d) => d.value.id),
      journeys: g.ownJourneys.map((j) => j.value.id),
      conversations: g.conversation ? 1 : 0,
      outboxMessages: g.outbox.length,
      absences: g.ownAbsences.map((a) => a.value.id),
    },
    pseudonymise: {
      declarations: g.others.map((d) => d.value.id),
      journeys: g.otherJourneys.map((j) => j.value.id),
      absences: g.coveredAbsences.filter((a) => a.value.to < today).map((a) => a.value.id),
      auditRows: g.audit.filter((a) => g.ids.mentionedIn([a.actor, a.subject, a.reason])).length,
    },
  };
}

export type ErasureResult =
  | { ok: true; dryRun: true; plan: ErasurePlan }
  | { ok: true; dryRun: false; plan: ErasurePlan; pseudonym: string; auditRowsPseudonymised: number }
  | (SubjectRefusal & { plan?: ErasurePlan });

/** Deletes or rewrites one row from what is stored now; a concurrent edit is re-read and retried. */
async function withLatest<T>(read: () => Promise<Versioned<T> | undefined>, write: (current: Versioned<T>) => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await read();
    if (!current) return;
    try {
      await write(current);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 4) throw error;
    }
  }
}

/**
 * Erasure. Without `confirm` it only answers the plan. Ordered so an interrupted run can simply be
 * run again: the roster entry, which the command looks the person up by, goes last.
 */
export async function eraseSubject(deps: SubjectDeps, personId: string, options: { confirm: boolean; actor?: string; pseudonym?: string }): Promise<ErasureResult> {
  const actor = options.actor ?? 'admin-cli';
  const g = await gather(deps, personId);
  if (!g) return unknownPerson(personId);
  const [people, units] = await Promise.all([deps.people.list(), deps.units.list()]);
  const plan = planFrom(deps, g, { people: people.map((p) => p.value), units: units.map((u) => u.value) });
  if (plan.blockers.length) {
    if (options.confirm) {
      await deps.audit.append({ at: deps.clock.now().toISOString(), actor, action: 'subject.erase', subject: `person:${personId}`, reason: `refused: ${plan.blockers.length} blocker(s)`, outcome: 'denied' });
    }
    return { ok: false, code: 'blocked', message: `${personId} cannot be erased yet. Nothing was changed.\n${plan.blockers.map((b) => `  - ${b}`).join('\n')}`, plan };
  }
  if (!options.confirm) return { ok: true, dryRun: true, plan };

  const pseudonym = options.pseudonym ?? `erased:${randomBytes(8).toString('hex')}`;
  const { ids } = g;

  // Other people's records keep their shape; only this person's id becomes the pseudonym.
  for (const d of g.others) {
    await withLatest(() => deps.declarations.get(d.value.id), (c) => deps.declarations.save(ids.replaceIn(c.value, pseudonym), c.version));
  }
  for (const j of g.otherJourneys) {
    await withLatest(() => deps.journeys.get(j.value.id), (c) => deps.journeys.save(ids.replaceIn(c.value, pseudonym), c.version));
  }
  // Ongoing care about other people that names them (who was told, who recorded, who confirmed).
  if (deps.flags) {
    for (const f of (await deps.flags.list()).filter((x) => x.value.personId !== personId && ids.mentionedIn(x.value))) {
      await withLatest(() => deps.flags!.get(f.value.id), (c) => deps.flags!.save(ids.replaceIn(c.value, pseudonym), c.version));
    }
  }
  if (deps.care) {
    for (const r of (await deps.care.listReminders()).filter((x) => x.value.personId !== personId && ids.mentionedIn(x.value))) {
      await withLatest(() => deps.care!.getReminder(r.value.id), (c) => deps.care!.saveReminder(ids.replaceIn(c.value, pseudonym), c.version));
    }
    for (const r of (await deps.care.listRecords()).filter((x) => x.value.personId !== personId && ids.mentionedIn(x.value))) {
      await deps.care.deleteRecord(r.value, r.version);
      await deps.care.addRecord(ids.replaceIn(r.value, pseudonym));
    }
  }
  if (deps.stages) {
    for (const s of (await deps.stages.list()).filter((x) => x.value.personId !== personId && ids.mentionedIn(x.value))) {
      await withLatest(() => deps.stages!.get(s.value.personId), (c) => deps.stages!.save(ids.replaceIn(c.value, pseudonym), c.version));
    }
  }
  if (deps.suitability) {
    for (const q of (await deps.suitability.list()).filter((x) => x.value.personId !== personId && ids.mentionedIn(x.value))) {
      await withLatest(() => deps.suitability!.get(q.value.id), (c) => deps.suitability!.save(ids.replaceIn(c.value, pseudonym), c.version));
    }
  }
  for (const a of g.coveredAbsences.filter((x) => plan.pseudonymise.absences.includes(x.value.id))) {
    const read = async () => (await deps.absences.list()).find((x) => x.value.id === a.value.id && x.value.personId === a.value.personId);
    await withLatest(read, (c) => deps.absences.save({ ...c.value, coverId: pseudonym }, c.version));
  }

  // Their own data goes.
  for (const d of g.own) await withLatest(() => deps.declarations.get(d.value.id), (c) => deps.declarations.delete(c.value.id, c.version));
  for (const j of g.ownJourneys) await withLatest(() => deps.journeys.get(j.value.id), (c) => deps.journeys.delete(c.value.id, c.version));
  for (const m of g.outbox) await withLatest(() => deps.outbox.get(m.value.id), (c) => deps.outbox.delete(c.value.id, c.version));
  // Their check-ins (answers are theirs) and the flags about them.
  if (deps.checkIns) for (const c of await deps.checkIns.listForPerson(personId)) await withLatest(() => deps.checkIns!.get(c.value.id), (x) => deps.checkIns!.delete(x.value.id, x.version));
  if (deps.suitability) for (const q of await deps.suitability.listForPerson(personId)) await withLatest(() => deps.suitability!.get(q.value.id), (x) => deps.suitability!.delete(x.value.id, x.version));
  if (deps.flags) for (const f of await deps.flags.listForPerson(personId)) await withLatest(() => deps.flags!.get(f.value.id), (x) => deps.flags!.delete(x.value.id, x.version));
  // Their staged exposure (reflections are theirs) and their care history and reminders.
  if (deps.stages) await withLatest(() => deps.stages!.get(personId), (x) => deps.stages!.delete(personId, x.version));
  if (deps.care) {
    for (const r of await deps.care.listRecordsFor(personId)) await deps.care.deleteRecord(r.value, r.version);
    for (const r of await deps.care.listRemindersFor(personId)) await deps.care.deleteReminder(r.value, r.version);
    await deps.care.deleteMarksNaming(personId);
  }
  await deps.conversations.remove({ kind: 'person', personId });
  for (const a of g.ownAbsences) {
    const read = async () => (await deps.absences.list()).find((x) => x.value.id === a.value.id && x.value.personId === personId);
    await withLatest(read, (c) => deps.absences.delete(c.value, c.version));
  }

  const auditRowsPseudonymised = await deps.audit.redact((entry) => (ids.mentionedIn([entry.actor, entry.subject, entry.reason]) ? ids.replaceIn(entry, pseudonym) : undefined));
  await deps.audit.append({
    at: deps.clock.now().toISOString(), actor, action: 'subject.erase', subject: `person:${pseudonym}`,
    reason: `erased: ${plan.remove.declarations.length} request(s), ${plan.remove.journeys.length} journey(s), ${plan.remove.outboxMessages} message(s), ${plan.remove.conversations} conversation(s), ${plan.remove.absences.length} absence(s); pseudonymised: ${plan.pseudonymise.declarations.length} request(s) of others, ${plan.pseudonymise.absences.length} absence(s), ${auditRowsPseudonymised} audit row(s)`,
    outcome: 'ok',
  });
  await withLatest(() => deps.people.get(personId), (c) => deps.people.delete(personId, c.version));
  return { ok: true, dryRun: false, plan, pseudonym, auditRowsPseudonymised };
}
