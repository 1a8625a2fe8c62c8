// In-memory implementations of the kernel ports and the feature repositories, so workflows get fast
// unit tests without Azurite. They honour the same contract as src/storage (integration tests keep
// the real path): every save presents the version read and a stale one throws VersionConflict;
// create of an existing row throws VersionConflict; add() answers 'duplicate'; delete of a missing
// row is a no-op; lists come back in key order (PartitionKey, then RowKey, as Table storage does);
// values are copied in and out (a JSON round trip, as storage does), so a caller's later edit to an
// object never changes what is stored.
import type { CareForward, CareRecord, CareReminder } from '../../src/features/care/care-record.ts';
import type { CareRepository, StagedExposureRepository } from '../../src/features/care/repository.ts';
import type { StagedExposure } from '../../src/features/care/staged-exposure.ts';
import { isSettled, type CheckIn } from '../../src/features/check-ins/check-in.ts';
import { isFlagOpen, type Flag } from '../../src/features/check-ins/flag.ts';
import type { CheckInRepository, FlagRepository, WorkloadRepository } from '../../src/features/check-ins/repository.ts';
import type { WorkloadWeek } from '../../src/features/check-ins/workload.ts';
import { isTrimOpen, type TrimFollowUp, type TrimRepository } from '../../src/features/trim/index.ts';
import type { DeclarationRepository } from '../../src/features/declarations/repository.ts';
import { isOpen, type Declaration } from '../../src/features/declarations/rules.ts';
import { hasOffViewingWork } from '../../src/features/declarations/off-viewing.ts';
import type { StepAway, StepAwayRepository } from '../../src/features/declarations/step-away.ts';
import type { JourneyRepository } from '../../src/features/journeys/repository.ts';
import { isJourneyClosed, type Journey } from '../../src/features/journeys/rules.ts';
import type { SuitabilityRepository } from '../../src/features/suitability/repository.ts';
import type { SuitabilityQuestionnaire } from '../../src/features/suitability/rules.ts';
import {
  VersionConflict,
  type AbsenceRepository,
  type AuditLog,
  type ConversationRefRepository,
  type FileOffer,
  type FileOfferRepository,
  type NewOutboxMessage,
  type Notifier,
  type OutboxStatus,
  type ShownMessage,
  type PeopleRepository,
  type RosterVersion,
  type TrayRepository,
  type UnitRepository,
  type Versioned,
} from '../../src/kernel/ports.ts';
import {
  targetKey,
  type Absence,
  type AuditEntry,
  type ConversationRef,
  type ConversationTarget,
  type Person,
  type Unit,
} from '../../src/kernel/types.ts';

import type { TrayItem } from '../../src/kernel/tray.ts';
import type { DigestRecord, DigestRepository, DigestState } from '../../src/features/digest/index.ts';
// Issue 14 part 3: concerns about a colleague.
import { isConcernOpen, type Concern } from '../../src/features/concerns/model.ts';
import type { ConcernRepository } from '../../src/features/concerns/repository.ts';

export { FakeClock } from './clock.ts';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Issue 15: a roster write that succeeded changes the roster version. */
async function bumped(rosterVersion: RosterVersion, version: string): Promise<string> {
  await rosterVersion.bump();
  return version;
}

let lastVersion = 0;
/** Opaque, never reused (like an ETag): a version read before any later write is stale. */
const nextVersion = () => `W/"mem-${++lastVersion}"`;

interface Row {
  partitionKey: string;
  rowKey: string;
  json: string;
  version: string;
}

/** One table: rows by (partition key, row key), each with its version. */
export class MemoryTable<T> {
  private readonly rows = new Map<string, Row>();
  constructor(private readonly keyOf: (value: T) => { partitionKey: string; rowKey: string }) {}

  private static id(partitionKey: string, rowKey: string): string {
    return JSON.stringify([partitionKey, rowKey]);
  }

  get(partitionKey: string, rowKey: string): Versioned<T> | undefined {
    const row = this.rows.get(MemoryTable.id(partitionKey, rowKey));
    return row && { value: JSON.parse(row.json) as T, version: row.version };
  }

  /** Answers the new version, or undefined when the row exists. */
  createIfAbsent(value: T): string | undefined {
    const { partitionKey, rowKey } = this.keyOf(value);
    const id = MemoryTable.id(partitionKey, rowKey);
    if (this.rows.has(id)) return undefined;
    const version = nextVersion();
    this.rows.set(id, { partitionKey, rowKey, json: JSON.stringify(value), version });
    return version;
  }

  create(value: T, what: string): string {
    const version = this.createIfAbsent(value);
    if (version === undefined) throw new VersionConflict(what);
    return version;
  }

  async add(value: T): Promise<'created' | 'duplicate'> {
    return this.createIfAbsent(value) === undefined ? 'duplicate' : 'created';
  }

  /** A missing row is a conflict too (someone deleted it since it was read), as a 404 on save is. */
  save(value: T, expectedVersion: string, what: string): string {
    const { partitionKey, rowKey } = this.keyOf(value);
    const id = MemoryTable.id(partitionKey, rowKey);
    const row = this.rows.get(id);
    if (!expectedVersion || !row || row.version !== expectedVersion) throw new VersionConflict(what);
    const version = nextVersion();
    this.rows.set(id, { partitionKey, rowKey, json: JSON.stringify(value), version });
    return version;
  }

  delete(partitionKey: string, rowKey: string, expectedVersion?: string): void {
    const id = MemoryTable.id(partitionKey, rowKey);
    const row = this.rows.get(id);
    if (!row) return;
    if (expectedVersion && row.version !== expectedVersion) throw new VersionConflict(`row ${partitionKey}/${rowKey}`);
    this.rows.delete(id);
  }

  /** Rows in key order, optionally filtered (a query on the indexed fields, in the real table). */
  query(where: (value: T, row: { partitionKey: string; rowKey: string }) => boolean = () => true): Versioned<T>[] {
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.rows.values()]
      .sort((a, b) => compare(a.partitionKey, b.partitionKey) || compare(a.rowKey, b.rowKey))
      .map((row) => ({ value: JSON.parse(row.json) as T, version: row.version, row }))
      .filter(({ value, row }) => where(value, row))
      .map(({ value, version }) => ({ value, version }));
  }

  get size(): number {
    return this.rows.size;
  }
}

// ---- Kernel ports -------------------------------------------------------------------------------

/** Issue 15: the roster version, bumped by every write of the people, units and absences below. */
export class MemoryRosterVersion implements RosterVersion {
  private version: string | undefined;
  localBumps = 0;
  async current() {
    return this.version;
  }
  async bump() {
    this.localBumps++;
    this.version = nextVersion();
  }
}

export class MemoryPeopleRepository implements PeopleRepository {
  readonly table = new MemoryTable<Person>((p) => ({ partitionKey: p.id, rowKey: 'person' }));
  constructor(readonly rosterVersion: RosterVersion = new MemoryRosterVersion()) {}
  async get(id: string) {
    return this.table.get(id, 'person');
  }
  async findByAadObjectId(aadObjectId: string) {
    // Entra object ids are GUIDs, compared case-insensitively (as the alias rows are).
    return this.table.query((p) => p.aadObjectId.toLowerCase() === aadObjectId.toLowerCase())[0];
  }
  async findByTeamsUserId(teamsUserId: string) {
    return this.table.query((p) => p.teamsUserId === teamsUserId)[0];
  }
  async list() {
    return this.table.query();
  }
  async create(person: Person) {
    return bumped(this.rosterVersion, this.table.create(person, `person ${person.id}`));
  }
  async save(person: Person, expectedVersion: string) {
    return bumped(this.rosterVersion, this.table.save(person, expectedVersion, `person ${person.id}`));
  }
  async delete(id: string, expectedVersion: string) {
    this.table.delete(id, 'person', expectedVersion);
    await this.rosterVersion.bump();
  }
}

export class MemoryUnitRepository implements UnitRepository {
  readonly table = new MemoryTable<Unit>((u) => ({ partitionKey: u.id, rowKey: 'unit' }));
  constructor(readonly rosterVersion: RosterVersion = new MemoryRosterVersion()) {}
  async get(id: string) {
    return this.table.get(id, 'unit');
  }
  async list() {
    return this.table.query();
  }
  async create(unit: Unit) {
    return bumped(this.rosterVersion, this.table.create(unit, `unit ${unit.id}`));
  }
  async save(unit: Unit, expectedVersion: string) {
    return bumped(this.rosterVersion, this.table.save(unit, expectedVersion, `unit ${unit.id}`));
  }
}

export class MemoryAbsenceRepository implements AbsenceRepository {
  readonly table = new MemoryTable<Absence>((a) => ({ partitionKey: a.personId, rowKey: a.id }));
  constructor(readonly rosterVersion: RosterVersion = new MemoryRosterVersion()) {}
  async list() {
    return this.table.query();
  }
  async create(absence: Absence) {
    return bumped(this.rosterVersion, this.table.create(absence, `absence ${absence.id}`));
  }
  async save(absence: Absence, expectedVersion: string) {
    return bumped(this.rosterVersion, this.table.save(absence, expectedVersion, `absence ${absence.id}`));
  }
  async delete(absence: Absence, expectedVersion: string) {
    this.table.delete(absence.personId, absence.id, expectedVersion);
    await this.rosterVersion.bump();
  }
}

export class MemoryConversationRefRepository implements ConversationRefRepository {
  readonly table = new MemoryTable<ConversationRef>((r) => ({ partitionKey: targetKey(r.target), rowKey: 'ref' }));
  async get(target: ConversationTarget) {
    return this.table.get(targetKey(target), 'ref');
  }
  async put(ref: ConversationRef, expectedVersion: string | undefined) {
    const what = `conversation reference ${targetKey(ref.target)}`;
    return expectedVersion === undefined ? this.table.create(ref, what) : this.table.save(ref, expectedVersion, what);
  }
  async remove(target: ConversationTarget) {
    this.table.delete(targetKey(target), 'ref');
  }
  async list() {
    return this.table.query();
  }
}

/** Append-only (but for redact), listed by time. */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(entry: AuditEntry) {
    this.entries.push(copy(entry));
  }
  async list(fromIso: string, toIso: string) {
    return this.entries
      .filter((e) => e.at >= fromIso && e.at <= toIso)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(copy);
  }
  // Issue 16 part 4: newest first, like the table's per-subject index.
  async listBySubject(subject: string) {
    return this.entries
      .filter((e) => e.subject === subject)
      .reverse()
      .map(copy);
  }
  async redact(rewrite: (entry: AuditEntry) => AuditEntry | undefined) {
    let changed = 0;
    this.entries.forEach((entry, i) => {
      const next = rewrite(copy(entry));
      if (!next || JSON.stringify(next) === JSON.stringify(entry)) return;
      this.entries[i] = { ...copy(next), at: entry.at };
      changed++;
    });
    return changed;
  }
  // Issue 16 (retention): an entry's content is both its reference and its version here.
  async listBefore(cutoffIso: string) {
    return this.entries
      .filter((e) => e.at < cutoffIso)
      .map((entry) => ({ ref: JSON.stringify(entry), version: JSON.stringify(entry), entry: copy(entry) }));
  }
  async replace(ref: string, version: string, entry: AuditEntry | undefined) {
    const i = this.entries.findIndex((e) => JSON.stringify(e) === ref);
    if (i < 0 || ref !== version) throw new Error('audit entry changed');
    if (entry) this.entries[i] = { ...copy(entry), at: this.entries[i]!.at };
    else this.entries.splice(i, 1);
  }
  /** Every entry with this action, oldest first. */
  withAction(action: string): AuditEntry[] {
    return this.entries.filter((e) => e.action === action).map(copy);
  }
}

/**
 * Records what workflows enqueue, in order, and suppresses a repeat of an id (as the outbox does):
 * nothing is delivered. `messages` holds each id once, as first enqueued.
 */
export class MemoryNotifier implements Notifier {
  readonly messages: NewOutboxMessage[] = [];
  /** How many enqueues were suppressed as duplicates. */
  duplicates = 0;
  async enqueue(message: NewOutboxMessage): Promise<'created' | 'duplicate'> {
    if (this.messages.some((m) => m.id === message.id)) {
      this.duplicates++;
      return 'duplicate';
    }
    this.messages.push(copy(message));
    return 'created';
  }
  /** Cards shown in a turn, recorded so later updates can replace them. */
  readonly shown: ShownMessage[] = [];
  /** Ids the test says were delivered (statusOf answers 'sent' for them, 'pending' for other enqueued ones). */
  readonly delivered = new Set<string>();
  async recordShown(message: ShownMessage): Promise<void> {
    if (!this.shown.some((m) => m.id === message.id)) this.shown.push(copy(message));
  }
  async statusOf(id: string): Promise<OutboxStatus | undefined> {
    if (this.delivered.has(id) || this.shown.some((m) => m.id === id)) return 'sent';
    return this.messages.some((m) => m.id === id) ? 'pending' : undefined;
  }
  /** Messages to a person's 1:1 chat. */
  to(personId: string): NewOutboxMessage[] {
    return this.messages.filter((m) => m.target.kind === 'person' && m.target.personId === personId);
  }
  /** Messages for one purpose (e.g. `declaration.alert`). */
  withPurpose(purpose: string): NewOutboxMessage[] {
    return this.messages.filter((m) => m.purpose === purpose);
  }
}

/** The tray: rows by (recipient, key), and the key index as the table adapter keeps it. */
export class MemoryTrayRepository implements TrayRepository {
  readonly items = new MemoryTable<TrayItem>((i) => ({ partitionKey: i.recipientId, rowKey: i.key }));
  readonly keys = new MemoryTable<{ key: string; recipientId: string }>((k) => ({ partitionKey: k.key, rowKey: k.recipientId }));
  async get(recipientId: string, key: string) {
    return this.items.get(recipientId, key);
  }
  async create(item: TrayItem) {
    this.keys.createIfAbsent({ key: item.key, recipientId: item.recipientId });
    return this.items.add(item);
  }
  async save(item: TrayItem, expectedVersion: string) {
    return this.items.save(item, expectedVersion, 'tray item');
  }
  async listOpenFor(recipientId: string) {
    return this.items.query((i, row) => row.partitionKey === recipientId && !i.resolvedAt);
  }
  async listFor(recipientId: string) {
    return this.items.query((_i, row) => row.partitionKey === recipientId);
  }
  async recipientsOf(key: string) {
    return this.keys.query((_k, row) => row.partitionKey === key).map((r) => r.value.recipientId);
  }
  async listAbout(personId: string) {
    return this.items.query((i) => i.aboutPersonId === personId);
  }
  async listResolved() {
    return this.items.query((i) => !!i.resolvedAt);
  }
  async delete(item: TrayItem, expectedVersion: string) {
    this.items.delete(item.recipientId, item.key, expectedVersion);
    this.keys.delete(item.key, item.recipientId);
  }
}

export class MemoryDigestRepository implements DigestRepository {
  readonly days = new MemoryTable<DigestRecord>((d) => ({ partitionKey: d.date, rowKey: d.recipientId }));
  readonly states = new MemoryTable<DigestState>((s) => ({ partitionKey: s.recipientId, rowKey: 'state' }));
  // Issue 16 (retention), as the table's query.
  async listBefore(date: string) {
    return this.days.query((d) => d.date < date);
  }
  async get(date: string, recipientId: string) {
    return this.days.get(date, recipientId);
  }
  async add(record: DigestRecord) {
    return this.days.add(record);
  }
  async save(record: DigestRecord, expectedVersion: string) {
    return this.days.save(record, expectedVersion, 'digest');
  }
  async listOn(date: string) {
    return this.days.query((_d, row) => row.partitionKey === date);
  }
  async getState(recipientId: string) {
    return this.states.get(recipientId, 'state');
  }
  async putState(state: DigestState, expectedVersion: string | undefined) {
    return expectedVersion === undefined
      ? this.states.create(state, 'digest state')
      : this.states.save(state, expectedVersion, 'digest state');
  }
  async listFor(recipientId: string) {
    return this.days.query((d) => d.recipientId === recipientId);
  }
  async listNaming(personId: string) {
    return this.days.query((d) => d.lines.some((l) => l.aboutPersonId === personId));
  }
  async delete(record: DigestRecord, expectedVersion: string) {
    this.days.delete(record.date, record.recipientId, expectedVersion);
  }
  async deleteState(recipientId: string) {
    this.states.delete(recipientId, 'state');
  }
}

// ---- Feature repositories -----------------------------------------------------------------------

export class MemoryDeclarationRepository implements DeclarationRepository {
  readonly table = new MemoryTable<Declaration>((d) => ({ partitionKey: d.id, rowKey: 'declaration' }));
  async create(declaration: Declaration) {
    return this.table.create(declaration, `declaration ${declaration.id}`);
  }
  async get(id: string) {
    return this.table.get(id, 'declaration');
  }
  async save(declaration: Declaration, expectedVersion: string) {
    return this.table.save(declaration, expectedVersion, `declaration ${declaration.id}`);
  }
  async listOpen() {
    return this.table.query((d) => isOpen(d));
  }
  // Issue 16 (retention), as the table's query: not open, raised before the cutoff.
  async listClosedRaisedBefore(cutoffIso: string) {
    return this.table.query((d) => !['open', 'acknowledged', 'assessed'].includes(d.status) && d.raisedAt < cutoffIso);
  }
  async listForPerson(personId: string) {
    return this.table.query((d) => d.personId === personId);
  }
  /** The earliest unsent follow-up is due by `now` (a withdrawn declaration has none), as the indexed field says. */
  async listFollowUpsDue(now: Date) {
    const iso = now.toISOString();
    return this.table.query((d) => d.status !== 'withdrawn' && (d.followUps ?? []).some((f) => !f.sentAt && f.dueAt <= iso));
  }
  async listOffViewing() {
    return this.table.query((d) => hasOffViewingWork(d));
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    this.table.delete(id, 'declaration', expectedVersion);
  }
}

/** Private screen breaks (issue 14, part 1). */
export class MemoryStepAwayRepository implements StepAwayRepository {
  readonly table = new MemoryTable<StepAway>((s) => ({ partitionKey: s.personId, rowKey: s.id }));
  async create(s: StepAway) {
    return this.table.create(s, `screen break ${s.id}`);
  }
  async save(s: StepAway, expectedVersion: string) {
    return this.table.save(s, expectedVersion, `screen break ${s.id}`);
  }
  async listForPerson(personId: string) {
    return this.table.query((s) => s.personId === personId);
  }
  async delete(s: StepAway, expectedVersion: string) {
    this.table.delete(s.personId, s.id, expectedVersion);
  }
}

const checkInPerson = (id: string) => /^checkin:([^:]+):/.exec(id)?.[1];

export class MemoryCheckInRepository implements CheckInRepository {
  readonly table = new MemoryTable<CheckIn>((c) => ({ partitionKey: c.personId, rowKey: c.id }));
  // Issue 16 (retention), as the table's query.
  async listClosedBefore(cutoffDay: string) {
    return this.table.query((c) => c.status !== 'open' && c.closesOn < cutoffDay);
  }
  async add(checkIn: CheckIn) {
    return this.table.add(checkIn);
  }
  async get(id: string) {
    const person = checkInPerson(id);
    return person ? this.table.get(person, id) : undefined;
  }
  async save(checkIn: CheckIn, expectedVersion: string) {
    return this.table.save(checkIn, expectedVersion, `check-in ${checkIn.id}`);
  }
  async listOpen() {
    return this.table.query((c) => c.status === 'open');
  }
  // Issue 15: as the table's settled-by-day rows, read from the records themselves.
  async listSettledOn(dueOn: string) {
    return new Set((await this.table.query((c) => c.dueOn === dueOn && isSettled(c))).map((c) => c.value.id));
  }
  async markSettled() {
    // Nothing to keep: listSettledOn reads the records.
  }
  async listWithPendingEffects() {
    return this.table.query((c) => (c.pendingEffects?.length ?? 0) > 0);
  }
  async listForPerson(personId: string) {
    return this.table.query((_c, row) => row.partitionKey === personId);
  }
  async listForUnit(unitId: string, fromDueOn: string, toDueOn: string) {
    return this.table.query((c) => c.unitId === unitId && c.dueOn >= fromDueOn && c.dueOn <= toDueOn);
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    const person = checkInPerson(id);
    if (person) this.table.delete(person, id, expectedVersion);
  }
}

export class MemoryFlagRepository implements FlagRepository {
  readonly table = new MemoryTable<Flag>((f) => ({ partitionKey: f.personId, rowKey: f.id }));
  // Issue 16 (retention), as the table's query.
  async listClosed() {
    return this.table.query((f) => !isFlagOpen(f));
  }
  async add(flag: Flag) {
    return this.table.add(flag);
  }
  async get(id: string) {
    return this.table.query((_f, row) => row.rowKey === id)[0];
  }
  async save(flag: Flag, expectedVersion: string) {
    return this.table.save(flag, expectedVersion, `flag ${flag.id}`);
  }
  async listOpen() {
    return this.table.query((f) => isFlagOpen(f));
  }
  async listForPerson(personId: string) {
    return this.table.query((_f, row) => row.partitionKey === personId);
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    const found = await this.get(id);
    if (found) this.table.delete(found.value.personId, id, expectedVersion);
  }
}

// Issue 14: the exposure and workload log.
const workloadPerson = (id: string) => /^workload:([^:]+):/.exec(id)?.[1];
export class MemoryWorkloadRepository implements WorkloadRepository {
  readonly table = new MemoryTable<WorkloadWeek>((w) => ({ partitionKey: w.personId, rowKey: w.id }));
  // Issue 16 (retention), as the table's query.
  async listWeeksBefore(week: string) {
    return this.table.query((w) => w.week < week);
  }
  async add(week: WorkloadWeek) {
    return this.table.add(week);
  }
  async get(id: string) {
    const person = workloadPerson(id);
    return person ? this.table.get(person, id) : undefined;
  }
  async save(week: WorkloadWeek, expectedVersion: string) {
    return this.table.save(week, expectedVersion, `workload week ${week.id}`);
  }
  async listForPerson(personId: string) {
    return this.table.query((_w, row) => row.partitionKey === personId);
  }
  async listForUnit(unitId: string, fromWeek: string, toWeek: string) {
    return this.table.query((w) => w.unitId === unitId && w.week >= fromWeek && w.week <= toWeek);
  }
  async listUnevaluated() {
    return this.table.query((w) => !!w.figures && !w.evaluatedAt);
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    const person = workloadPerson(id);
    if (person) this.table.delete(person, id, expectedVersion);
  }
}

export class MemoryJourneyRepository implements JourneyRepository {
  readonly table = new MemoryTable<Journey>((j) => ({ partitionKey: j.id, rowKey: 'journey' }));
  async create(journey: Journey) {
    return this.table.create(journey, `journey ${journey.id}`);
  }
  async get(id: string) {
    return this.table.get(id, 'journey');
  }
  async save(journey: Journey, expectedVersion: string) {
    return this.table.save(journey, expectedVersion, `journey ${journey.id}`);
  }
  async listOpen() {
    return this.table.query((j) => !isJourneyClosed(j));
  }
  async listClosed() {
    return this.table.query((j) => isJourneyClosed(j));
  }
  async listForCandidate(candidateId: string) {
    return this.table.query((j) => j.candidateId === candidateId);
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    this.table.delete(id, 'journey', expectedVersion);
  }
}

export class MemoryStagedExposureRepository implements StagedExposureRepository {
  readonly table = new MemoryTable<StagedExposure>((r) => ({ partitionKey: r.personId, rowKey: 'stages' }));
  async get(personId: string) {
    return this.table.get(personId, 'stages');
  }
  async create(record: StagedExposure) {
    return this.table.create(record, `staged exposure of ${record.personId}`);
  }
  async save(record: StagedExposure, expectedVersion: string) {
    return this.table.save(record, expectedVersion, `staged exposure of ${record.personId}`);
  }
  async list() {
    return this.table.query();
  }
  async delete(personId: string, expectedVersion: string) {
    this.table.delete(personId, 'stages', expectedVersion);
  }
}

const markPartition = (key: string) => key.split(':')[0] ?? 'mark';

export class MemoryCareRepository implements CareRepository {
  readonly records = new MemoryTable<CareRecord>((r) => ({ partitionKey: r.personId, rowKey: r.id }));
  readonly reminders = new MemoryTable<CareReminder>((r) => ({ partitionKey: r.personId, rowKey: r.id }));
  readonly marks = new MemoryTable<{ key: string; at: string }>((m) => ({ partitionKey: markPartition(m.key), rowKey: m.key }));
  readonly forwards = new MemoryTable<CareForward>((f) => ({ partitionKey: f.personId, rowKey: f.item }));
  async getForward(personId: string) {
    return this.forwards.get(personId, 'clinicalSupervision');
  }
  async addForward(forward: CareForward) {
    return this.forwards.add(forward);
  }
  async saveForward(forward: CareForward, expectedVersion: string) {
    return this.forwards.save(forward, expectedVersion, `care forward ${forward.id}`);
  }
  async listForwards() {
    return this.forwards.query();
  }
  async deleteForward(forward: CareForward, expectedVersion: string) {
    this.forwards.delete(forward.personId, forward.item, expectedVersion);
  }
  async addRecord(record: CareRecord) {
    return this.records.add(record);
  }
  async listRecords() {
    return this.records.query();
  }
  async listRecordsFor(personId: string) {
    return this.records.query((_r, row) => row.partitionKey === personId);
  }
  async getRecord(personId: string, id: string) {
    return this.records.get(personId, id);
  }
  async listClosedReminders() {
    return this.reminders.query((r) => !!r.closedAt);
  }
  async getReminder(id: string) {
    return this.reminders.get(id.split(':')[0] ?? '', id);
  }
  async addReminder(reminder: CareReminder) {
    return this.reminders.add(reminder);
  }
  async saveReminder(reminder: CareReminder, expectedVersion: string) {
    return this.reminders.save(reminder, expectedVersion, `care reminder ${reminder.id}`);
  }
  async listReminders() {
    return this.reminders.query();
  }
  async listRemindersFor(personId: string) {
    return this.reminders.query((_r, row) => row.partitionKey === personId);
  }
  async addMark(key: string, at: string) {
    return this.marks.add({ key, at });
  }
  async hasMark(key: string) {
    return this.marks.get(markPartition(key), key) !== undefined;
  }
  async deleteRecord(record: CareRecord, expectedVersion: string) {
    this.records.delete(record.personId, record.id, expectedVersion);
  }
  async deleteReminder(reminder: CareReminder, expectedVersion: string) {
    this.reminders.delete(reminder.personId, reminder.id, expectedVersion);
  }
  async listMarksNaming(personId: string) {
    return this.marks.query((m) => m.key.split(':').includes(personId)).map((m) => ({ ...m.value }));
  }

  async deleteMarksNaming(personId: string) {
    const naming = this.marks.query((m) => m.key.split(':').includes(personId));
    for (const m of naming) this.marks.delete(markPartition(m.value.key), m.value.key, m.version);
    return naming.length;
  }
}

const suitabilityPerson = (id: string) => /^suitability:([^:]+):/.exec(id)?.[1];

export class MemorySuitabilityRepository implements SuitabilityRepository {
  readonly table = new MemoryTable<SuitabilityQuestionnaire>((q) => ({ partitionKey: q.personId, rowKey: q.id }));
  async add(questionnaire: SuitabilityQuestionnaire) {
    return this.table.add(questionnaire);
  }
  async get(id: string) {
    const person = suitabilityPerson(id);
    return person ? this.table.get(person, id) : undefined;
  }
  async save(questionnaire: SuitabilityQuestionnaire, expectedVersion: string) {
    return this.table.save(questionnaire, expectedVersion, `suitability questionnaire ${questionnaire.id}`);
  }
  async listForPerson(personId: string) {
    return this.table.query((_q, row) => row.partitionKey === personId);
  }
  async list() {
    return this.table.query();
  }
  async listReviewed() {
    return this.table.query((q) => q.status === 'reviewed');
  }
  async delete(id: string, expectedVersion: string) {
    const person = suitabilityPerson(id);
    if (person) this.table.delete(person, id, expectedVersion);
  }
}

// Issue 14 part 3: concerns about a colleague.
export class MemoryConcernRepository implements ConcernRepository {
  readonly table = new MemoryTable<Concern>((c) => ({ partitionKey: c.personId, rowKey: c.id }));
  // Issue 16 (retention), as the table's query.
  async listClosed() {
    return this.table.query((c) => !isConcernOpen(c));
  }
  async add(concern: Concern) {
    return this.table.add(concern);
  }
  async get(id: string) {
    return this.table.query((_c, row) => row.rowKey === id)[0];
  }
  async save(concern: Concern, expectedVersion: string) {
    return this.table.save(concern, expectedVersion, `concern ${concern.id}`);
  }
  async listOpen() {
    return this.table.query((c) => isConcernOpen(c));
  }
  async listAbout(personId: string) {
    return this.table.query((_c, row) => row.partitionKey === personId);
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    const found = await this.get(id);
    if (found) this.table.delete(found.value.personId, id, expectedVersion);
  }
}

// TRiM follow-ups (issue 14, part 4)
export class MemoryTrimRepository implements TrimRepository {
  readonly table = new MemoryTable<TrimFollowUp>((f) => ({ partitionKey: f.personId, rowKey: f.id }));
  // Issue 16 (retention), as the table's query.
  async listClosed() {
    return this.table.query((f) => !isTrimOpen(f));
  }
  async add(followUp: TrimFollowUp) {
    return this.table.add(followUp);
  }
  async get(id: string) {
    return this.table.query((_f, row) => row.rowKey === id)[0];
  }
  async save(followUp: TrimFollowUp, expectedVersion: string) {
    return this.table.save(followUp, expectedVersion, `TRiM follow-up ${followUp.id}`);
  }
  async listOpen() {
    return this.table.query((f) => isTrimOpen(f));
  }
  async listForPerson(personId: string) {
    return this.table.query((_f, row) => row.partitionKey === personId);
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    const found = await this.get(id);
    if (found) this.table.delete(found.value.personId, id, expectedVersion);
  }
}

// Issue 16 part 4: file offers (the consent card's opaque id).
export class MemoryFileOfferRepository implements FileOfferRepository {
  readonly table = new MemoryTable<FileOffer>((o) => ({ partitionKey: o.id, rowKey: 'offer' }));
  async create(offer: FileOffer) {
    this.table.create(offer, 'file offer');
  }
  async get(id: string) {
    return this.table.get(id, 'offer');
  }
  async save(offer: FileOffer, expectedVersion: string) {
    return this.table.save(offer, expectedVersion, 'file offer');
  }
  async list() {
    return this.table.query();
  }
  async delete(id: string, expectedVersion: string) {
    this.table.delete(id, 'offer', expectedVersion);
  }
}
