import type { OutboxMessage, OutboxRepository, Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, toKey, type TableStore } from './table-store.ts';

type Lane = OutboxMessage['lane'];

/** One place in the due queue: which message, in which lane, due when. Carries no content. */
interface DueEntry {
  lane: Lane;
  at: string;
  id: string;
}

const LANES: readonly Lane[] = ['alert', 'bulk'];

/**
 * How long a place in the queue may point at a message that is missing or already ended before it is
 * taken for litter. Enqueue writes the place before the message (so a message is never without one),
 * and a requeue does the same: a place that young may belong to a write still in flight.
 */
const ORPHAN_GRACE_MS = 60_000;

/**
 * Two tables. The message itself: one row per message, keyed by its deterministic id, so a second
 * enqueue of the same id is a 409 and is suppressed, and `get(id)` (status, updates) is a point read.
 * The activity is encrypted: an alert card may quote a note the person shared.
 *
 * The due queue (issue 15): a row per waiting message in its lane's partition, RowKey `{nextAttemptAt}|{id}`,
 * so the dispatcher reads "due by now" as a key range with `$top`, whatever the backlog in the future and
 * however much history there is. A message is written to its new place before it is saved there and
 * removed from its old place after, so a crash leaves litter (tidied by `listDue`), never a message
 * without a place. Sent and dead messages have no place: the queue holds only what is waiting.
 */
export class TableOutboxRepository implements OutboxRepository {
  private readonly rows: DocumentTable<OutboxMessage>;
  private readonly due: DocumentTable<DueEntry>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<OutboxMessage>(store, TABLES.outbox, (m) => ({ partitionKey: m.id, rowKey: 'message' }), {
      secretFields: ['activity'],
      indexed: (m) => ({ status: m.status, nextAttemptAt: m.nextAttemptAt, lane: m.lane }),
    });
    this.due = new DocumentTable<DueEntry>(store, TABLES.outboxDue, (e) => ({ partitionKey: e.lane, rowKey: `${e.at}|${e.id}` }));
  }

  async add(message: OutboxMessage): Promise<'created' | 'duplicate'> {
    const waiting = message.status === 'pending' || message.status === 'sending';
    const entry = { lane: message.lane, at: message.nextAttemptAt, id: message.id };
    if (waiting) await this.due.createIfAbsent(entry);
    if ((await this.rows.createIfAbsent(message)) !== undefined) return 'created';
    // A repeat of an id already stored: its own place (if any) is the stored message's, not this one.
    if (waiting) {
      const stored = await this.rows.get(message.id, 'message');
      if (stored?.value.nextAttemptAt !== message.nextAttemptAt) await this.due.delete(entry.lane, `${entry.at}|${entry.id}`);
    }
    return 'duplicate';
  }

  get(id: string): Promise<Versioned<OutboxMessage> | undefined> {
    return this.rows.get(id, 'message');
  }

  /**
   * Reads the front of each lane's partition (alerts first), then the messages they point at, in
   * parallel. A claimed ('sending') message keeps its place, so a crash mid-send is retried once its
   * claim runs out; places left behind by a move, a send or an erasure are removed here.
   */
  async listDue(now: Date, limit: number): Promise<Versioned<OutboxMessage>[]> {
    const nowIso = now.toISOString();
    // '~' sorts after '|' and after every character of an ISO time: the bound takes in everything due at `nowIso`.
    const filter = (lane: Lane) => `PartitionKey eq '${lane}' and RowKey lt '${toKey(nowIso)}~'`;
    const [alerts, bulk] = await Promise.all(LANES.map((lane) => this.frontOf(filter(lane), limit)));
    const entries = [...alerts!, ...bulk!.slice(0, Math.max(0, limit - alerts!.length))];
    const messages = await Promise.all(entries.map((e) => this.rows.get(e.value.id, 'message')));
    const graceEdge = new Date(now.getTime() - ORPHAN_GRACE_MS).toISOString();
    const found = new Map<string, Versioned<OutboxMessage>>();
    const litter: Versioned<DueEntry>[] = [];
    entries.forEach((entry, i) => {
      const m = messages[i];
      const { at } = entry.value;
      if (!m) {
        if (at < graceEdge) litter.push(entry);
      } else if (m.value.status === 'pending') {
        if (m.value.nextAttemptAt === at) found.set(m.value.id, m);
        else if (m.value.nextAttemptAt > at) litter.push(entry); // it has moved on
      } else if (m.value.status === 'sending') {
        if (m.value.nextAttemptAt <= nowIso) found.set(m.value.id, m); // its claim ran out
      } else if (at < graceEdge) litter.push(entry);
    });
    await Promise.all(litter.map((e) => this.removeEntry(e)));
    const rank = (m: OutboxMessage) => (m.lane === 'alert' ? 0 : 1);
    return [...found.values()]
      .sort(
        (a, b) =>
          rank(a.value) - rank(b.value) ||
          a.value.nextAttemptAt.localeCompare(b.value.nextAttemptAt) ||
          a.value.createdAt.localeCompare(b.value.createdAt),
      )
      .slice(0, limit);
  }

  /** The first `limit` places matching `filter`, in key order, reading no further pages than needed. */
  private async frontOf(filter: string, limit: number): Promise<Versioned<DueEntry>[]> {
    const out: Versioned<DueEntry>[] = [];
    const pages = this.due.table
      .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
      .byPage({ maxPageSize: Math.min(1000, limit) });
    for await (const page of pages) {
      for (const e of page) out.push(this.due.fromEntity(e));
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }

  private async removeEntry(entry: Versioned<DueEntry>): Promise<void> {
    const { lane, at, id } = entry.value;
    try {
      await this.due.delete(lane, `${at}|${id}`, entry.version);
    } catch {
      // Someone else tidied or rewrote it first; a later read looks again.
    }
  }

  async save(message: OutboxMessage, expectedVersion: string, previous?: OutboxMessage): Promise<string> {
    const oldAt = previous?.status === 'pending' ? previous.nextAttemptAt : undefined;
    // Pending: its new place first. Sending keeps the place it was claimed from (see listDue).
    if (message.status === 'pending' && message.nextAttemptAt !== oldAt)
      await this.due.createIfAbsent({ lane: message.lane, at: message.nextAttemptAt, id: message.id });
    const version = await this.rows.save(message, expectedVersion, `outbox message ${message.id}`);
    const stays = message.status === 'sending' || (message.status === 'pending' && message.nextAttemptAt === oldAt);
    if (oldAt !== undefined && !stays) await this.due.delete(previous!.lane, `${oldAt}|${message.id}`);
    return version;
  }

  /**
   * Start-up, once: gives every waiting message stored before the due queue existed its place in it.
   * Idempotent (a place already there is left alone); the one full read Haven makes of the outbox.
   */
  async indexWaiting(): Promise<number> {
    const waiting = await this.listWaiting();
    let added = 0;
    for (let i = 0; i < waiting.length; i += 50) {
      const batch = waiting.slice(i, i + 50);
      const made = await Promise.all(
        batch.map((m) => this.due.createIfAbsent({ lane: m.value.lane, at: m.value.nextAttemptAt, id: m.value.id })),
      );
      added += made.filter((v) => v !== undefined).length;
    }
    return added;
  }

  list(): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query();
  }
  // Issue 16 (the admin card), on demand and never per tick. They filter on the indexed properties of the
  // message table, so the service reads it whole, server side; retention keeps it bounded.
  listWaiting(): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query(`status eq 'pending' or status eq 'sending'`);
  }
  listEndedSince(status: 'failed' | 'unreachable', sinceIso: string): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query(`status eq '${status}' and nextAttemptAt ge '${new Date(sinceIso).toISOString()}'`);
  }
  listEndedBefore(status: 'sent' | 'failed' | 'unreachable', cutoffIso: string): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query(`status eq '${status}' and nextAttemptAt lt '${new Date(cutoffIso).toISOString()}'`);
  }
  /**
   * Erasure and retention. A waiting message's place goes with it (its id may name the person); the place
   * of one claimed mid-send is not known here and is tidied by `listDue` once the grace has passed.
   */
  async delete(id: string, expectedVersion: string): Promise<void> {
    const read = await this.rows.get(id, 'message');
    await this.rows.delete(id, 'message', expectedVersion);
    if (read?.value.status === 'pending') await this.due.delete(read.value.lane, `${read.value.nextAttemptAt}|${id}`);
  }
}
