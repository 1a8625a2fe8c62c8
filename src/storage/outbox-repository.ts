import type { OutboxMessage, OutboxRepository, Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

/**
 * One row per message, keyed by its deterministic id, so a second enqueue of the same id is a 409
 * and is suppressed. The activity is encrypted: an alert card may quote a note the person shared.
 * `status` and `nextAttemptAt` are kept as properties so the dispatcher's query filters on them.
 */
export class TableOutboxRepository implements OutboxRepository {
  private readonly rows: DocumentTable<OutboxMessage>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<OutboxMessage>(store, TABLES.outbox, (m) => ({ partitionKey: m.id, rowKey: 'message' }), {
      secretFields: ['activity'],
      indexed: (m) => ({ status: m.status, nextAttemptAt: m.nextAttemptAt, lane: m.lane }),
    });
  }
  async add(message: OutboxMessage): Promise<'created' | 'duplicate'> {
    return (await this.rows.createIfAbsent(message)) === undefined ? 'duplicate' : 'created';
  }
  get(id: string): Promise<Versioned<OutboxMessage> | undefined> {
    return this.rows.get(id, 'message');
  }
  async listDue(now: Date, limit: number): Promise<Versioned<OutboxMessage>[]> {
    const due = await this.rows.query(`(status eq 'pending' or status eq 'sending') and nextAttemptAt le '${now.toISOString()}'`);
    const rank = (m: OutboxMessage) => (m.lane === 'alert' ? 0 : 1);
    return due
      .sort(
        (a, b) =>
          rank(a.value) - rank(b.value) ||
          a.value.nextAttemptAt.localeCompare(b.value.nextAttemptAt) ||
          a.value.createdAt.localeCompare(b.value.createdAt),
      )
      .slice(0, limit);
  }
  save(message: OutboxMessage, expectedVersion: string): Promise<string> {
    return this.rows.save(message, expectedVersion, `outbox message ${message.id}`);
  }
  list(): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query();
  }
  // Issue 16 (the admin card). Both filter on the indexed properties. The partition key is the message id,
  // so no key range narrows them: the service still reads the whole table, server side, and answers the
  // matching rows only. Good enough while sent rows are pruned by retention; a status-keyed index table
  // would make them range queries.
  listWaiting(): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query(`status eq 'pending' or status eq 'sending'`);
  }
  listEndedSince(status: 'failed' | 'unreachable', sinceIso: string): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query(`status eq '${status}' and nextAttemptAt ge '${new Date(sinceIso).toISOString()}'`);
  }
  listEndedBefore(status: 'sent' | 'failed' | 'unreachable', cutoffIso: string): Promise<Versioned<OutboxMessage>[]> {
    return this.rows.query(`status eq '${status}' and nextAttemptAt lt '${new Date(cutoffIso).toISOString()}'`);
  }
  delete(id: string, expectedVersion: string): Promise<void> {
    return this.rows.delete(id, 'message', expectedVersion);
  }
}
