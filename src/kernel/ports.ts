// What every feature needs from the outside world, in domain words (each feature's own storage port
// is its repository.ts). storage/, delivery/ and teams/ implement these; only main.ts wires them.
import type { Lane } from '../delivery/delivery-policy.ts';
import type { Absence, AuditEntry, ConversationRef, ConversationTarget, Person, Unit } from './types.ts';
import type { Verb } from './verbs.ts';

/** Someone else wrote the record since it was read. Reload and decide again. */
export class VersionConflict extends Error {
  constructor(what: string) {
    super(`${what} was changed by someone else; reload and retry`);
    this.name = 'VersionConflict';
  }
}

/** Storage cannot hold a record this large (Azure Tables: 1 MiB an entity); nothing was written. */
export class TooLargeToStore extends Error {
  constructor(what: string) {
    super(`${what} is larger than one stored record can hold`);
    this.name = 'TooLargeToStore';
  }
}

export interface Versioned<T> {
  value: T;
  /** Opaque version (the storage ETag) that a save must present. */
  version: string;
}

export interface Clock {
  now(): Date;
}

export interface PeopleRepository {
  get(id: string): Promise<Versioned<Person> | undefined>;
  findByAadObjectId(aadObjectId: string): Promise<Versioned<Person> | undefined>;
  findByTeamsUserId(teamsUserId: string): Promise<Versioned<Person> | undefined>;
  list(): Promise<Versioned<Person>[]>;
  create(person: Person): Promise<string>;
  save(person: Person, expectedVersion: string): Promise<string>;
  /** Removes the roster entry and the identity aliases that point at it (a data-protection erasure). */
  delete(id: string, expectedVersion: string): Promise<void>;
}

export interface UnitRepository {
  get(id: string): Promise<Versioned<Unit> | undefined>;
  list(): Promise<Versioned<Unit>[]>;
  create(unit: Unit): Promise<string>;
  save(unit: Unit, expectedVersion: string): Promise<string>;
}

export interface AbsenceRepository {
  list(): Promise<Versioned<Absence>[]>;
  create(absence: Absence): Promise<string>;
  save(absence: Absence, expectedVersion: string): Promise<string>;
  delete(absence: Absence, expectedVersion: string): Promise<void>;
}

export interface ConversationRefRepository {
  get(target: ConversationTarget): Promise<Versioned<ConversationRef> | undefined>;
  /** Create or replace, guarded by the version read (undefined = must not exist yet). */
  put(ref: ConversationRef, expectedVersion: string | undefined): Promise<string>;
  remove(target: ConversationTarget): Promise<void>;
  list(): Promise<Versioned<ConversationRef>[]>;
}

export interface OutboundActivity {
  /**
   * The neutral notification summary. Must be neutral: Teams may show it on lock screens. With a card
   * it is sent only as the activity's summary (the card's own first line is the neutral line Teams
   * shows); without one, as the message text.
   */
  text?: string;
  /** An Adaptive Card (already bound). */
  card?: Record<string, unknown>;
  /** Issue 16 part 4: a Teams file consent card (kernel/file-offers.ts); carries only an opaque offer id. */
  fileConsent?: FileConsentAttachment;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'unreachable' | 'failed';

export interface OutboxMessage {
  /** Deterministic id from what and when, so a repeat enqueue is suppressed. */
  id: string;
  lane: Lane;
  target: ConversationTarget;
  /** `update` replaces a message sent earlier by the outbox message `updateOf`. */
  operation: 'send' | 'update';
  updateOf?: string;
  activity: OutboundActivity;
  /** Why it was sent, in domain words for operators (e.g. `welcome`, `declaration.alert`). Never free text. */
  purpose: string;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  conversationId?: string;
  activityId?: string;
  sentAt?: string;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'id' | 'lane' | 'target' | 'operation' | 'updateOf' | 'activity' | 'purpose'>;

export interface OutboxRepository {
  /** Stores the message unless one with the same id exists (then answers 'duplicate'). */
  add(message: OutboxMessage): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<Versioned<OutboxMessage> | undefined>;
  /** Pending (or stuck 'sending') messages due at or before `now`, alerts first, oldest first. */
  listDue(now: Date, limit: number): Promise<Versioned<OutboxMessage>[]>;
  /**
   * `previous` (the message as read) lets the store move the message out of its old place in the due
   * queue at once; without it the old place is tidied on a later read.
   */
  save(message: OutboxMessage, expectedVersion: string, previous?: OutboxMessage): Promise<string>;
  /** Every message, for tests and operators' delivery-health views. */
  list(): Promise<Versioned<OutboxMessage>[]>;
  /** Issue 16 (the admin card): messages still waiting to go (pending or sending), whenever due. */
  listWaiting(): Promise<Versioned<OutboxMessage>[]>;
  /**
   * Issue 16 (the admin card): messages that ended `status` ('failed': dead letters; 'unreachable') whose
   * last attempt was claimed at or after `sinceIso` (their nextAttemptAt: the claim deadline of that attempt).
   */
  listEndedSince(status: 'failed' | 'unreachable', sinceIso: string): Promise<Versioned<OutboxMessage>[]>;
  /** Issue 16 (retention): messages that ended `status` with their last attempt before `cutoffIso`. */
  listEndedBefore(status: 'sent' | 'failed' | 'unreachable', cutoffIso: string): Promise<Versioned<OutboxMessage>[]>;
  delete(id: string, expectedVersion: string): Promise<void>;
}

/** One button of a tray line (kernel/tray.ts). */
export interface TrayAction {
  /** The button's words ("Done today", "Acknowledge", "Open"). */
  title: string;
  /** One of the posting feature's existing verbs; its route re-checks who is clicking. */
  verb: Verb;
  /** The verb's existing payload (ids and dates only, never free text). */
  data: Record<string, unknown>;
}

/** One thing a recipient must act on that is not urgent (kernel/tray.ts: post and resolve through it). */
export interface TrayItem {
  recipientId: string;
  /** Stable per thing and independent of the recipient, prefixed by the feature (`care:…`, `flag:…`). */
  key: string;
  /** The posting feature's name (for operators and subject requests). */
  feature: string;
  /** Who the line is about: the digest groups by this person. Absent for a line about the recipient's team. */
  aboutPersonId?: string;
  /** One line of plain text: names from the roster, dates formatted, never an internal id or free text. */
  line: string;
  /** ISO date or time: when it fell due (or became overdue, when `overdue`). The digest says "overdue since …". */
  since: string;
  overdue?: boolean;
  actions: TrayAction[];
  /** When this recipient was first given it. */
  postedAt: string;
  /** When what the line says last changed (posted, became overdue, reworded): the digest shows what changed since it last wrote. */
  updatedAt: string;
  resolvedAt?: string;
  /** 'done': the thing was done (the digest shows it done); 'elsewhere': it is now someone else's to act on. */
  resolvedAs?: 'done' | 'elsewhere';
}

/**
 * Items someone must act on (kernel/tray.ts), one row per recipient and key. Read by recipient ("my
 * open items", every digest) and by key ("resolve this everywhere"), never by scanning all history.
 */
export interface TrayRepository {
  get(recipientId: string, key: string): Promise<Versioned<TrayItem> | undefined>;
  /** Creates the row (and the key's index entry) unless the recipient already holds this key. */
  create(item: TrayItem): Promise<'created' | 'duplicate'>;
  save(item: TrayItem, expectedVersion: string): Promise<string>;
  /** The recipient's unresolved items. */
  listOpenFor(recipientId: string): Promise<Versioned<TrayItem>[]>;
  /** Every item the recipient was given, resolved ones too. */
  listFor(recipientId: string): Promise<Versioned<TrayItem>[]>;
  /** Who has (or had) a row for this key. */
  recipientsOf(key: string): Promise<string[]>;
  /** Data-protection requests only: the items about this person (a scan; never on a tick). */
  listAbout(personId: string): Promise<Versioned<TrayItem>[]>;
  /** Retention only: every resolved line (a scan filtered on `isOpen`; never on a tick). */
  listResolved(): Promise<Versioned<TrayItem>[]>;
  /** Data-protection erasure and retention only. */
  delete(item: TrayItem, expectedVersion: string): Promise<void>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /**
   * Issue 16 part 4 (audit viewer): the entries whose subject is exactly `subject` (e.g. `person:alex.moreno`),
   * newest first, read from a per-subject index written on append (entries written before the index existed
   * are not in it). Never a scan of the whole trail.
   */
  listBySubject(subject: string): Promise<AuditEntry[]>;
  list(fromIso: string, toIso: string): Promise<AuditEntry[]>;
  /**
   * The one exception to append-only, for a data-protection erasure: every row is passed to
   * `rewrite`, and a row it answers a changed entry for is replaced (guarded by its ETag).
   * Answers how many rows changed. Only src/features/subject-requests calls it.
   */
  redact(rewrite: (entry: AuditEntry) => AuditEntry | undefined): Promise<number>;
  /** Issue 16 (retention only): rows written before `cutoffIso`, each with a reference for `replace`. */
  listBefore(cutoffIso: string): Promise<{ ref: string; version: string; entry: AuditEntry }[]>;
  /** Issue 16 (retention only): replaces one row in place (same time, same place), or deletes it (undefined); guarded by its version. */
  replace(ref: string, version: string, entry: AuditEntry | undefined): Promise<void>;
}

export interface LeaseRepository {
  /** Takes or renews the named lease for `holder` until now+ttl; false when someone else holds it. */
  tryAcquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** Issue 16 (the admin card): who holds the named lease, until when, and when they last renewed it (their last tick). */
export interface LeaseReader {
  current(name: string): Promise<{ holder: string; expiresAt: string; renewedAt?: string } | undefined>;
}

/** Sends through the Bot Connector. Implemented in src/teams; used only by the dispatcher. */
export interface ConnectorGateway {
  send(ref: ConversationRef, activity: OutboundActivity): Promise<GatewayResult>;
  update(ref: ConversationRef, activityId: string, activity: OutboundActivity): Promise<GatewayResult>;
}

export interface GatewayResult {
  status: number;
  activityId?: string;
  retryAfterMs?: number;
  code?: string;
}

/** Raised when someone cannot be reached: a welfare signal, never just a log line. */
export interface UnreachableEvent {
  messageId: string;
  purpose: string;
  target: ConversationTarget;
  reason: string;
  at: string;
}

export interface UnreachableListener {
  onUnreachable(event: UnreachableEvent): Promise<void>;
}

/**
 * A card Haven showed in a turn rather than through the outbox (the answer to a click replaces the
 * clicked card), recorded under an outbox id so that later 'update' messages replace it in place like
 * any sent message. `activityId`: the Teams message holding it, when known; without one an update
 * goes out as a new message (see the dispatcher).
 */
export type ShownMessage = Pick<OutboxMessage, 'id' | 'target' | 'activity' | 'purpose' | 'activityId'>;

/** Workflows enqueue; the dispatcher delivers. */
export interface Notifier {
  enqueue(message: NewOutboxMessage): Promise<'created' | 'duplicate'>;
  /** Records a card shown in a turn as delivered (a second record of the same id changes nothing). */
  recordShown(message: ShownMessage): Promise<void>;
  /**
   * Where a message stands ('sent': the connector accepted it), undefined when there is no such
   * message. Workflows ask before telling someone that another person has been told.
   */
  statusOf(id: string): Promise<OutboxStatus | undefined>;
}

/** Removes someone's access to the grading systems (an Entra ID security group), where a force configures it. */
export interface ViewingAccess {
  readonly configured: boolean;
  remove(person: { id: string; aadObjectId: string }): Promise<'removed' | 'notConfigured' | 'failed'>;
  /**
   * Issue 14, part 1 (a break that ends): adds the person back to the grading-access group after an
   * agreed return. 'retry' when the service asked to be called again later (throttled: `afterSeconds`).
   */
  restore(person: { id: string; aadObjectId: string }): Promise<RestoreResult>;
}

export type RestoreResult =
  { outcome: 'restored' } | { outcome: 'notConfigured' } | { outcome: 'failed' } | { outcome: 'retry'; afterSeconds: number };

export interface SupportEntry {
  name: string;
  detail: string;
}

// Issue #14 part 4 (care pace): a check-in flag or an "I'm not okay" request brings the person's clinical
// supervision forward. Care implements it (care's bringClinicalSupervisionForward); main.ts wires it, so
// check-ins and declarations call it without importing care. Idempotent; never tells anyone why.
export type BringCareForward = (personId: string, reason: 'flag' | 'request') => Promise<unknown>;

// Issue 16 ("Go live in an afternoon"): the directory (Entra ID through Microsoft Graph) and Teams app
// installation. src/graph/ implements them with @microsoft/microsoft-graph-client; tests run them against
// the fake Graph server (test/support/fake-graph.ts). Methods throw GraphUnavailable when Graph cannot
// answer after its own retries (throttling and 5xx are retried inside the client).
export interface DirectoryUser {
  /** Entra object id. */
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** false when the account is disabled; undefined when Graph did not say. */
  accountEnabled?: boolean;
}

export interface EntraDirectory {
  readonly configured: boolean;
  /** Every user in the group, transitively (nested groups expanded), every page. Groups and devices are left out. */
  transitiveUserMembers(groupId: string): Promise<DirectoryUser[]>;
  /** The user's manager's object id; undefined when they have none (Graph 404). */
  managerOf(userId: string): Promise<string | undefined>;
  /** One user; undefined when not in the tenant (Graph 404). */
  user(userId: string): Promise<DirectoryUser | undefined>;
}

export type InstallOutcome =
  | { outcome: 'installed' }
  | { outcome: 'alreadyInstalled' }
  | { outcome: 'notConfigured' }
  /** `reason` is short, plain and safe to show an admin (e.g. "user not found", "Graph refused: 403"). */
  | { outcome: 'failed'; reason: string };

/** Installs the Haven Teams app in a user's personal scope (Graph POST /users/{id}/teamwork/installedApps). */
export interface AppInstaller {
  readonly configured: boolean;
  /** Whether the app is already installed for the user (GET …/installedApps filtered on the catalogue id). */
  isInstalled(userObjectId: string): Promise<boolean>;
  install(userObjectId: string): Promise<InstallOutcome>;
}

export class GraphUnavailable extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'GraphUnavailable';
  }
}

/** The last roster sync from Entra ID, as the admin card shows it: counts only, never names or ids. */
export interface RosterSyncSummary {
  /** ISO instant the run finished. */
  at: string;
  trigger: 'daily' | 'admin' | 'cli';
  /** applied: written; blocked: problems listed, nothing written; failed: Graph could not be read; notConfigured: no mapping files. */
  outcome: 'applied' | 'blocked' | 'failed' | 'notConfigured';
  added: number;
  updated: number;
  left: number;
  problems: number;
  /** People the app could not be installed for in this run. */
  installFailures: number;
}

/** Roster sync as the admin card and the daily job use it (implemented by the roster-sync code, wired in main.ts). */
export interface RosterSyncPort {
  readonly configured: boolean;
  lastRun(): Promise<RosterSyncSummary | undefined>;
  runNow(trigger: RosterSyncSummary['trigger'], byPersonId?: string): Promise<RosterSyncSummary>;
}

// Issue 16 part 4: files in the personal chat through Teams' file consent card. A feature offers a file
// (FileOffers); the offer (who, what kind, parameters, expiry) is stored, never the content, which the
// feature's FileKind generates again when the person accepts (src/teams/file-consent.ts uploads it).
export interface FileConsentAttachment {
  /** The file name Teams shows and saves in the person's OneDrive. */
  name: string;
  /** One neutral line; never names, answers or free text. */
  description: string;
  sizeInBytes: number;
  /** Opaque: the offer id, nothing else. */
  offerId: string;
}

export type FileOfferStatus = 'offered' | 'uploading' | 'delivered' | 'declined' | 'refused';

export interface FileOffer {
  /** Random, opaque; the only thing the consent card carries. */
  id: string;
  /** The person it is offered to: only they may accept it. */
  personId: string;
  /** The feature's file kind (FileKind.kind), e.g. `report.predeployment`. */
  kind: string;
  /** Ids, dates and formats only (never free text): the kind regenerates the content from them. */
  params: Record<string, string>;
  fileName: string;
  createdAt: string;
  expiresAt: string;
  status: FileOfferStatus;
  /** Upload attempts so far (a failed upload can be tried again). */
  attempts: number;
  updatedAt: string;
}

export interface FileOfferRepository {
  create(offer: FileOffer): Promise<void>;
  get(id: string): Promise<Versioned<FileOffer> | undefined>;
  save(offer: FileOffer, expectedVersion: string): Promise<string>;
  /** Data-protection requests only (a scan): every offer. */
  list(): Promise<Versioned<FileOffer>[]>;
  /** Data-protection erasure only. */
  delete(id: string, expectedVersion: string): Promise<void>;
}

export interface FileOfferRequest {
  personId: string;
  kind: string;
  params: Record<string, string>;
  fileName: string;
  description: string;
  /** The size of the content as generated when offered (it is generated again on accept). */
  sizeInBytes: number;
}

/** Offers a file to a person in their personal chat, through the outbox. */
export interface FileOffers {
  offer(request: FileOfferRequest): Promise<{ offerId: string }>;
}

/**
 * Issue 15: a stamp that changes whenever people, units or absences change, so a process can keep one
 * roster in memory and know with one point read whether it is still current. The people, units and
 * absences repositories bump it on every write; `current` answers undefined before the first bump.
 */
export interface RosterVersion {
  current(): Promise<string | undefined>;
  bump(): Promise<void>;
  /** How many bumps this process has made (any instance's bump shows in `current`; this one's at once here). */
  readonly localBumps: number;
}
