// Issue 16 part 4: offers of a file in someone's personal chat. One row per offer, looked up by its
// opaque id (the partition). The content is never stored; the parameters (ids, dates, a format) are
// encrypted because they can name the person a file is about (the audit export).
import type { FileOffer, FileOfferRepository, Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

export class TableFileOfferRepository implements FileOfferRepository {
  private readonly rows: DocumentTable<FileOffer>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<FileOffer>(store, TABLES.fileOffers, (o) => ({ partitionKey: o.id, rowKey: 'offer' }), {
      secretFields: ['params'],
      indexed: (o) => ({ personId: o.personId, status: o.status, expiresAt: o.expiresAt }),
    });
  }
  async create(offer: FileOffer): Promise<void> {
    await this.rows.create(offer, 'file offer');
  }
  get(id: string): Promise<Versioned<FileOffer> | undefined> {
    return this.rows.get(id, 'offer');
  }
  save(offer: FileOffer, expectedVersion: string): Promise<string> {
    return this.rows.save(offer, expectedVersion, 'file offer');
  }
  list(): Promise<Versioned<FileOffer>[]> {
    return this.rows.query();
  }
  delete(id: string, expectedVersion: string): Promise<void> {
    return this.rows.delete(id, 'offer', expectedVersion);
  }
}
