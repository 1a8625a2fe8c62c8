import type { Declaration } from '../features/declarations/rules.ts';
import { isOpen } from '../features/declarations/rules.ts';
import { hasOffViewingWork } from '../features/declarations/off-viewing.ts';
import type { Versioned } from '../kernel/ports.ts';
import type { DeclarationRepository } from '../features/declarations/index.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';

/** The note and the risk assessment's notes are encrypted; status fields stay queryable. */
type Row = Declaration;

export class TableDeclarationRepository implements DeclarationRepository {
  private readonly rows: DocumentTable<Row>;
  constructor(store: TableStore) {
    this.rows = new DocumentTable<Row>(store, TABLES.declarations, (d) => ({ partitionKey: d.id, rowKey: 'declaration' }), {
      secretFields: ['note', 'riskAssessment'],
      indexed: (d) => ({
        personId: d.personId,
        isOpen: isOpen(d),
        kind: d.kind,
        raisedAt: d.raisedAt,
        // A break that ends (issue 14, part 1): review prompts and the restore run for closed requests too.
        offViewingWork: hasOffViewingWork(d),
        // Earliest unsent follow-up ('~' sorts after any ISO time, meaning none), so the job can query it.
        // Issue 16 (rotas): an out-of-hours raise's alert to the off-duty responder at their next working moment counts too.
        nextFollowUpAt:
          d.status === 'withdrawn'
            ? '~'
            : ([
                ...(d.followUps ?? []).filter((f) => !f.sentAt).map((f) => f.dueAt),
                ...(d.outOfHours?.tellAt && !d.outOfHours.toldAt ? [d.outOfHours.tellAt] : []),
              ].sort()[0] ?? '~'),
      }),
    });
  }
  create(declaration: Declaration): Promise<string> {
    return this.rows.create(declaration, `declaration ${declaration.id}`);
  }
  get(id: string): Promise<Versioned<Declaration> | undefined> {
    return this.rows.get(id, 'declaration');
  }
  save(declaration: Declaration, expectedVersion: string): Promise<string> {
    return this.rows.save(declaration, expectedVersion, `declaration ${declaration.id}`);
  }
  listOpen(): Promise<Versioned<Declaration>[]> {
    return this.rows.query('isOpen eq true');
  }
  listFollowUpsDue(now: Date): Promise<Versioned<Declaration>[]> {
    return this.rows.query(`nextFollowUpAt le '${now.toISOString()}'`);
  }
  listOffViewing(): Promise<Versioned<Declaration>[]> {
    return this.rows.query('offViewingWork eq true');
  }
  listForPerson(personId: string): Promise<Versioned<Declaration>[]> {
    return this.rows.query(`personId eq '${personId.replace(/'/g, "''")}'`);
  }
  list(): Promise<Versioned<Declaration>[]> {
    return this.rows.query();
  }
  listClosedRaisedBefore(cutoffIso: string): Promise<Versioned<Declaration>[]> {
    return this.rows.query(`isOpen eq false and raisedAt lt '${new Date(cutoffIso).toISOString()}'`);
  }
  delete(id: string, expectedVersion: string): Promise<void> {
    return this.rows.delete(id, 'declaration', expectedVersion);
  }
}
