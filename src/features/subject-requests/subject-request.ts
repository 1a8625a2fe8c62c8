// Data-protection requests about one person: a subject access export (everything Haven holds about
// them, their own free text decrypted) and an erasure. Pure orchestration over ports.
//
// Both are built from the same pieces: each feature's subjectData (features/<name>/subject.ts) and
// the kernel's (kernel-subject.ts) say what is the person's own (exported, then deleted by an
// erasure), what of someone else's names them (pseudonymised, not exported) and what still needs them
// (blockers). So every kind of record an erasure deletes is a kind the export shows.
//
// Erasure policy (docs/deploy.md, "Subject access and erasure", says why):
// - the person's own data is deleted: roster entry and identity aliases, what every feature holds as
//   theirs (requests, journeys as the candidate, check-ins and the flags about them, questionnaires,
//   staged exposure, care), their conversation reference, their own absences, and every outbox
//   message to them, about them or about their records;
// - where their id appears in a record that belongs to someone else (another person's closed
//   request they responded to, another supervisor's past absence they covered) or in the audit
//   trail, it is replaced by one random pseudonym (`erased:<16 hex>`). The audit rows stay: the trail
//   of who did what and when is the force's accountability record. Haven keeps no link from the
//   pseudonym back to the person; the command prints it once for the request file.
// - it is refused, changing nothing, while Haven still has work that involves them: an open
//   request of theirs (an open welfare case must be closed first), a request of someone else's that
//   still names them and is open or has follow-ups due, a pre-deployment journey naming them still
//   in progress, roster rows that name them as supervisor, cover, department head or "above", a
//   current or future absence they cover, or HAVEN_FALLBACK_RESPONDERS naming them.
import { randomBytes } from 'node:crypto';
import { ROLES, type AuditEntry, type Person } from '../../kernel/types.ts';
import type { OutboxMessage, Versioned } from '../../kernel/ports.ts';
import {
  withLatest,
  type DataSubject,
  type NamingRecords,
  type OwnRecords,
  type SubjectData,
  type SubjectHoldings,
} from '../../kernel/subject-data.ts';
import type { SubjectKernelDeps } from './deps.ts';
import { kernelSubjectData } from './kernel-subject.ts';
import { unrosteredId } from '../../kernel/identify-person.ts';

/** A feature as a subject request sees it: main.ts's FEATURES fit. */
export interface SubjectFeature<D> {
  name: string;
  subjectData?: SubjectData<D>;
}

export const SUBJECT_EXPORT_FORMAT = 'haven.subject-export.v1';

export interface ExportedMessage {
  purpose: string;
  status: OutboxMessage['status'];
  createdAt: string;
  sentAt?: string;
  /** 'you': sent to them; 'someone else': to another person, about them or one of their records. */
  to: 'you' | 'someone else';
}

export interface SubjectExport {
  format: typeof SUBJECT_EXPORT_FORMAT;
  exportedAt: string;
  personId: string;
  /** The roster entry, as stored (identity ids, unit, supervisor, working pattern, viewing status). */
  rosterEntry: Person;
  unit?: { id: string; name: string };
  /**
   * One list per kind of record that is theirs, named by the feature that holds it, encrypted fields
   * decrypted: declarations (with the note and risk assessment), journeys (answers and drafts),
   * checkIns (answers), flags (reason categories, who was told), suitability (answers, review and the
   * reviewer's note), stagedExposure (reflections and private notes), care, careReminders, careMarks,
   * absences, conversations. Exactly the kinds an erasure deletes.
   */
  [kind: string]: unknown;
  /** Messages Haven queued or sent to them or about them: purpose, status and dates only. */
  messages: ExportedMessage[];
  /** Audit rows where they are the actor or the subject, or the subject is one of their records. */
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
class Identifiers implements DataSubject {
  readonly unrosteredId: string;
  private readonly tokens: RegExp[];

  constructor(
    readonly person: Person,
    readonly today: string,
  ) {
    // Someone synced from Entra ID who never wrote to Haven has no Teams id, so no unrostered id either.
    this.unrosteredId = person.teamsUserId ? unrosteredId({ teamsUserId: person.teamsUserId }) : '';
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
    if (out.includes(':'))
      out = out
        .split(':')
        .map((segment) => (segment === this.person.id ? pseudonym : segment))
        .join(':');
    return out;
  }

  mentionedIn(value: unknown): boolean {
    if (typeof value === 'string') return this.replaceString(value, '\u0000') !== value;
    if (Array.isArray(value)) return value.some((v) => this.mentionedIn(v));
    if (value && typeof value === 'object') return Object.values(value).some((v) => this.mentionedIn(v));
    return false;
  }

  replaceIn<T>(value: T, pseudonym: string): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.replaceString(v, pseudonym);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }
}

/**
 * Words Haven itself writes as whole values or segments (roles, events, statuses, id parts); each
 * feature adds its own (SubjectData.vocabulary). A roster id equal to one of them cannot be told
 * apart from them, so it is not erased automatically.
 */
const KERNEL_VOCABULARY = [
  ...ROLES,
  'person',
  'channel',
  'roster',
  'system',
  'unrostered',
  'erased',
  'admin-cli',
  'cover',
  'above',
  'fallback',
  'automatic',
  'unreachable',
  'closed',
  'open',
  'ok',
  'denied',
  'failed',
  'pending',
  'sending',
  'sent',
];

function unknownPerson(personId: string): SubjectRefusal {
  return {
    ok: false,
    code: 'unknownPerson',
    message: `No person with id "${personId.slice(0, 80)}" is on Haven's roster. Nothing was changed.`,
  };
}

const EVER = ['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'] as const;

interface Gathered {
  person: Versioned<Person>;
  ids: Identifiers;
  vocabularyId: boolean;
  /** The features' holdings in FEATURES order, then the kernel's. */
  holdings: SubjectHoldings[];
  own: OwnRecords[];
  naming: NamingRecords[];
  outbox: Versioned<OutboxMessage>[];
  audit: AuditEntry[];
  /** Does an id or audit subject refer to one of their own records? */
  refersToOwn(s: string | undefined): boolean;
}

/** Reads (and decrypts) everything, every feature's included, before anything is written. */
async function gather<D extends SubjectKernelDeps>(
  deps: D,
  features: readonly SubjectFeature<NoInfer<D>>[],
  personId: string,
): Promise<Gathered | undefined> {
  const person = await deps.people.get(personId);
  if (!person) return undefined;
  const ids = new Identifiers(person.value, deps.clock.now().toISOString().slice(0, 10));
  const pieces = features.flatMap((f) => (f.subjectData ? [f.subjectData] : []));
  const holdings: SubjectHoldings[] = [];
  for (const piece of pieces) holdings.push(await piece.gather(deps, ids));
  holdings.push(await kernelSubjectData.gather(deps, ids));

  const vocabulary = new Set([...KERNEL_VOCABULARY, ...pieces.flatMap((p) => p.vocabulary ?? [])]);
  const vocabularyId = vocabulary.has(personId) || /^r?\d+$/.test(personId);
  const references = holdings.flatMap((h) => h.references);
  const refersToOwn = (s: string | undefined) => !!s && references.some((r) => s === r || s.startsWith(`${r}:`));

  const outbox = (await deps.outbox.list()).filter(
    ({ value: m }) =>
      (m.target.kind === 'person' && m.target.personId === personId) ||
      refersToOwn(m.id) ||
      refersToOwn(m.updateOf) ||
      ids.mentionedIn([m.id, m.updateOf ?? '', m.target]) ||
      // Messages to others that name them (a flag or care reminder about them, a weekly team card).
      m.id.includes(personId) ||
      JSON.stringify(m.activity).includes(person.value.name),
  );
  const mentions = vocabularyId
    ? (a: AuditEntry) => a.actor === personId || a.about === personId || a.subject === `person:${personId}`
    : (a: AuditEntry) => ids.mentionedIn([a.actor, a.subject, a.about, a.reason]);
  const audit = (await deps.audit.list(...EVER)).filter((a) => mentions(a) || refersToOwn(a.subject));
  return {
    person,
    ids,
    vocabularyId,
    holdings,
    outbox,
    audit,
    refersToOwn,
    own: holdings.flatMap((h) => h.own),
    naming: holdings.flatMap((h) => h.naming),
  };
}

/** Kinds in first-seen order, each with every piece's records of that kind. */
function byKind<T extends { kind: string }, R>(items: T[], take: (item: T) => R[]): Map<string, { first: T; items: R[] }> {
  const out = new Map<string, { first: T; items: R[] }>();
  for (const item of items) {
    const entry = out.get(item.kind) ?? { first: item, items: [] };
    entry.items.push(...take(item));
    out.set(item.kind, entry);
  }
  return out;
}

/** One kind of record in a plan or an export summary. */
export interface PlannedKind {
  kind: string;
  describe: string;
  ids: string[];
}

const planned = <T extends { kind: string; describe: string }>(items: T[], idsOf: (item: T) => string[]): PlannedKind[] =>
  [...byKind(items, idsOf).values()].map(({ first, items: ids }) => ({ kind: first.kind, describe: first.describe, ids }));

/**
 * Subject access: everything Haven holds about the person, their own notes and answers decrypted (it
 * is their data). Nothing of anyone else's records. The export itself is audited before it is handed over.
 */
export async function exportSubject<D extends SubjectKernelDeps>(
  deps: D,
  features: readonly SubjectFeature<NoInfer<D>>[],
  personId: string,
  actor = 'admin-cli',
): Promise<{ ok: true; export: SubjectExport; sections: PlannedKind[] } | SubjectRefusal> {
  const g = await gather(deps, features, personId);
  if (!g) return unknownPerson(personId);
  const unit = await deps.units.get(g.person.value.unitId);
  const now = deps.clock.now().toISOString();
  const sections = planned(g.own, (o) => o.records.map((r) => r.id));
  const data: SubjectExport = {
    format: SUBJECT_EXPORT_FORMAT,
    exportedAt: now,
    personId,
    rosterEntry: g.person.value,
    unit: unit ? { id: unit.value.id, name: unit.value.name } : undefined,
    ...Object.fromEntries([...byKind(g.own, (o) => o.records.map((r) => r.data))].map(([kind, { items }]) => [kind, items])),
    messages: g.outbox
      .map(({ value: m }): ExportedMessage => ({
        purpose: m.purpose,
        status: m.status,
        createdAt: m.createdAt,
        ...(m.sentAt ? { sentAt: m.sentAt } : {}),
        to: m.target.kind === 'person' && m.target.personId === personId ? 'you' : 'someone else',
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    audit: g.audit,
    notIncluded: [
      'The content of messages Haven sent (cards): they show the data above, which is included in full.',
      "Requests raised by other people, including any this person responded to: they are those people's data. This person's actions on them are in the audit rows.",
      "Other people's check-ins, flags, care records, questionnaires and journeys that name this person (as supervisor, reviewer or trainer): they are those people's data.",
      "Absences of other supervisors this person covered, and other people's roster entries.",
    ],
  };
  await deps.audit.append({
    at: now,
    actor,
    action: 'subject.export',
    subject: `person:${personId}`,
    reason: 'subject access request',
    outcome: 'ok',
  });
  return { ok: true, export: data, sections };
}

export interface ErasurePlan {
  personId: string;
  /** Why the erasure cannot go ahead now; empty when it can. */
  blockers: string[];
  remove: {
    rosterEntry: string;
    /** Identity aliases (Entra object id, Teams user id) that resolve to the roster entry. */
    identityAliases: number;
    /** Their own records, by kind: the same kinds, and the same records, as the export's sections. */
    records: PlannedKind[];
    /** Messages to them, about them or about their records. */
    outboxMessages: number;
  };
  pseudonymise: {
    /** Other people's records that name them, by kind. */
    records: PlannedKind[];
    auditRows: number;
  };
}

/** The ids of one kind of record in a plan (empty when there are none). */
export function plannedIds(kinds: PlannedKind[], kind: string): string[] {
  return kinds.find((k) => k.kind === kind)?.ids ?? [];
}

function planFrom(g: Gathered): ErasurePlan {
  const id = g.person.value.id;
  const blockers: string[] = [];
  if (g.vocabularyId)
    blockers.push(
      `The id "${id}" is also a word Haven writes in its own records, so its mentions cannot be told apart from them; this person cannot be erased automatically.`,
    );
  blockers.push(...g.holdings.flatMap((h) => h.blockers));
  const p = g.person.value;
  return {
    personId: id,
    blockers,
    remove: {
      rosterEntry: id,
      identityAliases: [p.aadObjectId, p.teamsUserId].filter(Boolean).length,
      records: planned(g.own, (o) => o.records.map((r) => r.id)),
      outboxMessages: g.outbox.length,
    },
    pseudonymise: {
      records: planned(g.naming, (n) => n.ids),
      auditRows: g.audit.filter((a) => g.ids.mentionedIn([a.actor, a.subject, a.about, a.reason]) || g.refersToOwn(a.subject)).length,
    },
  };
}

export type ErasureResult =
  | { ok: true; dryRun: true; plan: ErasurePlan }
  | { ok: true; dryRun: false; plan: ErasurePlan; pseudonym: string; auditRowsPseudonymised: number }
  | (SubjectRefusal & { plan?: ErasurePlan });

const counts = (kinds: PlannedKind[]) => kinds.map((k) => `${k.kind} ${k.ids.length}`).join(', ');

/**
 * Erasure. Without `confirm` it only answers the plan. Ordered so an interrupted run can simply be
 * run again: the roster entry, which the command looks the person up by, goes last.
 */
export async function eraseSubject<D extends SubjectKernelDeps>(
  deps: D,
  features: readonly SubjectFeature<NoInfer<D>>[],
  personId: string,
  options: { confirm: boolean; actor?: string; pseudonym?: string },
): Promise<ErasureResult> {
  const actor = options.actor ?? 'admin-cli';
  const g = await gather(deps, features, personId);
  if (!g) return unknownPerson(personId);
  const plan = planFrom(g);
  if (plan.blockers.length) {
    if (options.confirm) {
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor,
        action: 'subject.erase',
        subject: `person:${personId}`,
        reason: `refused: ${plan.blockers.length} blocker(s)`,
        outcome: 'denied',
      });
    }
    return {
      ok: false,
      code: 'blocked',
      message: `${personId} cannot be erased yet. Nothing was changed.\n${plan.blockers.map((b) => `  - ${b}`).join('\n')}`,
      plan,
    };
  }
  if (!options.confirm) return { ok: true, dryRun: true, plan };

  const pseudonym = options.pseudonym ?? `erased:${randomBytes(8).toString('hex')}`;
  const { ids } = g;

  // Other people's records keep their shape; only this person's id becomes the pseudonym.
  for (const n of g.naming) await n.pseudonymise(pseudonym);
  // Their own data goes, then every message to them or about them.
  for (const o of g.own) await o.erase();
  for (const m of g.outbox)
    await withLatest(
      () => deps.outbox.get(m.value.id),
      (c) => deps.outbox.delete(c.value.id, c.version),
    );

  // Audit rows about one of their (now deleted) records name it by an id that embeds theirs (`flag:flag-<id>-…`).
  const auditRowsPseudonymised = await deps.audit.redact((entry) => {
    const own = g.refersToOwn(entry.subject);
    if (!own && !ids.mentionedIn([entry.actor, entry.subject, entry.about, entry.reason])) return undefined;
    const redacted = ids.replaceIn(entry, pseudonym);
    return own ? { ...redacted, subject: redacted.subject.split(personId).join(pseudonym) } : redacted;
  });
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor,
    action: 'subject.erase',
    subject: `person:${pseudonym}`,
    reason: `erased: ${counts(plan.remove.records)}, outbox ${plan.remove.outboxMessages}; pseudonymised: ${counts(plan.pseudonymise.records)}, audit rows ${auditRowsPseudonymised}`,
    outcome: 'ok',
  });
  await withLatest(
    () => deps.people.get(personId),
    (c) => deps.people.delete(personId, c.version),
  );
  return { ok: true, dryRun: false, plan, pseudonym, auditRowsPseudonymised };
}
