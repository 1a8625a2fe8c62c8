import { targetKey, type ConversationRef, type ConversationTarget } from '../kernel/types.ts';
import { VersionConflict, type ConversationRefRepository, type Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

/** Conversation references live in storage, never in memory: a restart must not make anyone unreachable. */
export class TableConversationRefRepository implements ConversationRefRepository {
  private readonly refs: DocumentTable<ConversationRef>;
  constructor(store: TableStore) {
    this.refs = new DocumentTable<ConversationRef>(store, TABLES.conversations, (r) => ({
      partitionKey: targetKey(r.target),
      rowKey: 'ref',
    }));
  }
  get(target: ConversationTarget): Promise<Versioned<ConversationRef> | undefined> {
    return this.refs.get(targetKey(target), 'ref');
  }
  async put(ref: ConversationRef, expectedVersion: string | undefined): Promise<string> {
    if (expectedVersion === undefined) {
      const v = await this.refs.createIfAbsent(ref);
      if (v === undefined) throw new VersionConflict(`conversation reference ${targetKey(ref.target)}`);
      return v;
    }
    return this.refs.save(ref, expectedVersion, `conversation reference ${targetKey(ref.target)}`);
  }
  remove(target: ConversationTarget): Promise<void> {
    return this.refs.delete(targetKey(target), 'ref');
  }
  list(): Promise<Versioned<ConversationRef>[]> {
    return this.refs.query();
  }
}
