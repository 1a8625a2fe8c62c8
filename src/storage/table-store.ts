// The one place that knows Azure Table Storage. Repositories above it speak the domain.
import { randomUUID } from 'node:crypto';
import { TableClient, TableServiceClient, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { TooLargeToStore, VersionConflict, type Versioned } from '../kernel/ports.ts';
import { DATA_KEY_MISMATCH, DataKeyMismatch, FieldCipher, type FieldLocation } from './field-cipher.ts';

export type StorageConnection = { connectionString: string } | { accountUrl: string; managedIdentityClientId?: string };

/** Table keys may not contain / \ # ? or control characters; % is escaped too so the mapping is reversible. */
export function toKey(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f/\\#?%]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A key as a quoted OData literal for a query filter (escaped as stored, quotes doubled). */
export function keyLiteral(value: string): string {
  return `'${toKey(value).replace(/'/g, "''")}'`;
}

export function fromKey(key: string): string {
  return key.replace(/%([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error ? (error as { statusCode?: number }).statusCode : undefined;
}

export const TABLES = {
  people: 'havenPeople',
  identities: 'havenIdentities',
  units: 'havenUnits',
  absences: 'havenAbsences',
  conversations: 'havenConversations',
  outbox: 'havenOutbox',
  /** Issue 15: the outbox's due index, one partition per lane, keyed by next attempt. */
  outboxDue: 'havenOutboxDue',
  audit: 'havenAudit',
  leases: 'havenLeases',
  declarations: 'havenDeclarations',
  journeys: 'havenJourneys',
  flags: 'havenFlags',
  checkIns: 'havenCheckIns',
  stages: 'havenStages',
  careRecords: 'havenCareRecords',
  careReminders: 'havenCareReminders',
  careMarks: 'havenCareMarks',
  suitability: 'havenSuitability',
  tray: 'havenTray',
  trayKeys: 'havenTrayKeys',
  digests: 'havenDigests',
  digestState: 'havenDigestState',
  // Issue 14 part 3: concerns about a colleague and "I've noticed …".
  concerns: 'havenConcerns',
  // Issue 14: the exposure and workload log.
  workloadWeeks: 'havenWorkloadWeeks',
  // TRiM follow-ups (issue 14, part 4)
  trimFollowUps: 'havenTrimFollowUps',
  // Issue #14 part 4 (care pace): clinical supervision brought forward after a flag or a request.
  careForwards: 'havenCareForwards',
  // Issue 14, part 1: private screen breaks ("I'm stepping away for a bit").
  stepAways: 'havenStepAways',
  // Issue 16 part 4: file offers (the consent card's opaque id) and the audit trail's per-subject index.
  fileOffers: 'havenFileOffers',
  auditBySubject: 'havenAuditBySubject',
  // Issue 16: the last roster sync from Entra ID (counts only).
  rosterSyncRuns: 'havenRosterSyncRuns',
  // Issue 15: one row whose version changes with every write to people, units or absences.
  rosterVersion: 'havenRosterVersion',
  // Issue 15: check-ins the schedule is done with, one partition per due day (the check-in job's question).
  checkInsSettled: 'havenCheckInsSettled',
} as const;

const DATA_KEY_CANARY = 'haven data key check v1';

export class TableStore {
  private readonly clients = new Map<string, TableClient>();

  constructor(
    private readonly connection: StorageConnection,
    readonly cipher: FieldCipher,
    private readonly tablePrefix = '',
  ) {}

  client(logicalName: string): TableClient {
    const name = this.tablePrefix + logicalName;
    let c = this.clients.get(name);
    if (!c) {
      if ('connectionString' in this.connection) {
        c = TableClient.fromConnectionString(this.connection.connectionString, name, {
          allowInsecureConnection: this.connection.connectionString.includes('http://'),
        });
      } else {
        const credential = new DefaultAzureCredential(
          this.connection.managedIdentityClientId ? { managedIdentityClientId: this.connection.managedIdentityClientId } : {},
        );
        c = new TableClient(this.connection.accountUrl, name, credential);
      }
      this.clients.set(name, c);
    }
    return c;
  }

  tableName(logicalName: string): string {
    return this.tablePrefix + logicalName;
  }

  /** Creates every table Haven uses (idempotent), at boot. */
  async ensureTables(): Promise<void> {
    await Promise.all(Object.values(TABLES).map((t) => this.client(t).createTable()));
  }

  /**
   * At start-up: proves HAVEN_DATA_KEY is the key the stored data was written with, by decrypting a
   * canary row (written on first use). A mismatch is a DataKeyMismatch that says so in those words,
   * before anything reads or writes encrypted fields.
   */
  async verifyDataKey(): Promise<'created' | 'matched'> {
    const client = this.client(TABLES.leases);
    const [partitionKey, rowKey] = ['__datakey__', 'canary'];
    const loc: FieldLocation = { table: TABLES.leases, partitionKey, rowKey, field: 'check' };
    const read = async () => {
      try {
        return await client.getEntity<{ check?: string }>(partitionKey, rowKey);
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    };
    let entity = await read();
    if (!entity) {
      // Storage written before the canary existed: prove the key on a field already stored first.
      if ((await this.decryptsExistingField()) === false)
        throw new DataKeyMismatch(`${DATA_KEY_MISMATCH}. Haven has not started; use the key the data was stored with.`);
      try {
        await client.createEntity({ partitionKey, rowKey, check: this.cipher.encrypt(DATA_KEY_CANARY, loc) });
        return 'created';
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        entity = await read(); // another instance wrote it first
      }
    }
    let text: string | undefined;
    try {
      text = typeof entity?.check === 'string' ? this.cipher.decrypt(entity.check, loc) : undefined;
    } catch {
      text = undefined;
    }
    if (text !== DATA_KEY_CANARY)
      throw new DataKeyMismatch(`${DATA_KEY_MISMATCH}. Haven has not started; use the key the data was stored with.`);
    return 'matched';
  }

  /**
   * Whether HAVEN_DATA_KEY decrypts the encrypted fields already stored: the first found in each table
   * (among its first rows). True if any decrypts (another key decrypts none; one altered row does not
   * decide), false if some were found and none decrypts, undefined when nothing encrypted is stored.
   */
  private async decryptsExistingField(): Promise<boolean | undefined> {
    let found = false;
    for (const logical of Object.values(TABLES)) {
      const page = await this.client(logical).listEntities().byPage({ maxPageSize: 20 }).next();
      for (const entity of (page.value ?? []) as Array<Record<string, unknown>>) {
        const name = Object.keys(entity).find((k) => k.startsWith('secret_') && !/__\d+$/.test(k));
        const stored = name ? getChunked(entity, name) : undefined;
        if (!name || stored === undefined) continue;
        const loc = {
          table: this.tableName(logical),
          partitionKey: String(entity.partitionKey),
          rowKey: String(entity.rowKey),
          field: name.slice('secret_'.length),
        };
        found = true;
        try {
          this.cipher.decrypt(stored, loc);
          return true;
        } catch {
          break; // this table's first encrypted field fails: try the next table's
        }
      }
    }
    return found ? false : undefined;
  }

  /** Readiness: one cheap authenticated round trip. */
  async ping(): Promise<void> {
    const iter = this.client(TABLES.leases)
      .listEntities({ queryOptions: { filter: "PartitionKey eq '__ping__'" } })
      .byPage({ maxPageSize: 1 });
    await iter.next();
  }

  serviceClientForTests(): TableServiceClient | undefined {
    if (!('connectionString' in this.connection)) return undefined;
    return TableServiceClient.fromConnectionString(this.connection.connectionString, { allowInsecureConnection: true });
  }
}

type Row = TableEntity<Record<string, unknown>>;

/**
 * Every write carries a fresh id. The SDK retries a write whose answer was lost (dropped connection,
 * 5xx after the service applied it); the retry then meets the row it wrote itself (409 on create,
 * 412 on save). Reading the row back and finding this id means the write landed: it is not a
 * duplicate and not a conflict. Anyone else's write has another id and stays a conflict.
 */
const WRITE_ID = 'writeId';

/**
 * A string property holds at most 64 KiB of UTF-16 (32,768 characters). A longer value (four long
 * answers, encrypted and base64-encoded, or a large document) is spread over `name`, `name__1`,
 * `name__2`… and joined on read; a row written before this reads as before (one property). The
 * chunk is a multiple of 4 so every part of a base64 value is itself valid base64.
 */
export const PROPERTY_CHUNK = 32_000;
/** Azure Tables refuses an entity over 1 MiB (UTF-16 strings, property names and keys included). */
const ENTITY_LIMIT_BYTES = 1_048_576;

function putChunked(row: Row, name: string, value: string): void {
  const head = value.startsWith('enc:v1:') ? 'enc:v1:'.length : 0;
  row[name] = value.slice(0, head + PROPERTY_CHUNK);
  for (let i = 1, at = head + PROPERTY_CHUNK; at < value.length; i++, at += PROPERTY_CHUNK)
    row[`${name}__${i}`] = value.slice(at, at + PROPERTY_CHUNK);
}

function getChunked(entity: Record<string, unknown>, name: string): string | undefined {
  const first = entity[name];
  if (typeof first !== 'string') return undefined;
  let value = first;
  for (let i = 1; typeof entity[`${name}__${i}`] === 'string'; i++) value += entity[`${name}__${i}`] as string;
  return value;
}

/**
 * JSON with every non-ASCII character as a \u escape (JSON.parse reads it back unchanged). Encrypted
 * values are base64 already, so a request body is all ASCII: Azurite (3.35) garbles a multi-byte
 * character that straddles a chunk of a large request body, and an ASCII body cannot be split inside
 * a character anywhere.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The size Azure Tables counts for an entity (4 + keys + per property 8 + name + value, strings as UTF-16). */
function entityBytes(row: Row): number {
  let bytes = 4 + 2 * (row.partitionKey.length + row.rowKey.length);
  for (const [name, v] of Object.entries(row)) {
    if (name === 'partitionKey' || name === 'rowKey') continue;
    bytes += 8 + 2 * name.length + (typeof v === 'string' ? 4 + 2 * v.length : 8);
  }
  return bytes;
}

/**
 * A table of JSON documents, one domain object per entity. Fields named in `secretFields` are taken
 * out of the document and stored encrypted in their own property. Every write is conditional:
 * create fails if the row exists, save presents the ETag that was read.
 */
export class DocumentTable<T extends object> {
  constructor(
    private readonly store: TableStore,
    private readonly logicalName: string,
    private readonly keys: (value: T) => { partitionKey: string; rowKey: string },
    private readonly options: {
      secretFields?: (keyof T & string)[];
      indexed?: (value: T) => Record<string, string | number | boolean>;
    } = {},
  ) {}

  get table(): TableClient {
    return this.store.client(this.logicalName);
  }

  private loc(partitionKey: string, rowKey: string, field: string): FieldLocation {
    return { table: this.store.tableName(this.logicalName), partitionKey, rowKey, field };
  }

  toEntity(value: T): Row {
    const { partitionKey, rowKey } = this.keys(value);
    const pk = toKey(partitionKey);
    const rk = toKey(rowKey);
    const plain = { ...value } as Record<string, unknown>;
    const row: Row = { partitionKey: pk, rowKey: rk };
    for (const field of this.options.secretFields ?? []) {
      const v = plain[field];
      delete plain[field];
      if (v !== undefined) putChunked(row, `secret_${field}`, this.store.cipher.encrypt(JSON.stringify(v), this.loc(pk, rk, field)));
    }
    putChunked(row, 'doc', asciiJson(plain));
    Object.assign(row, this.options.indexed?.(value) ?? {});
    row[WRITE_ID] = randomUUID();
    if (entityBytes(row) > ENTITY_LIMIT_BYTES) throw new TooLargeToStore(`${this.logicalName} row`);
    return row;
  }

  fromEntity(entity: TableEntityResult<Record<string, unknown>>): Versioned<T> {
    const pk = entity.partitionKey!;
    const rk = entity.rowKey!;
    const value = JSON.parse(String(getChunked(entity, 'doc'))) as Record<string, unknown>;
    for (const field of this.options.secretFields ?? []) {
      const stored = getChunked(entity, `secret_${field}`);
      if (typeof stored === 'string') value[field] = JSON.parse(this.store.cipher.decrypt(stored, this.loc(pk, rk, field)));
    }
    return { value: value as unknown as T, version: entity.etag ?? '' };
  }

  async get(partitionKey: string, rowKey: string): Promise<Versioned<T> | undefined> {
    try {
      const e = await this.table.getEntity<Record<string, unknown>>(toKey(partitionKey), toKey(rowKey));
      return this.fromEntity(e);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** After a 409/412: the row's version when it holds this very write (its answer was lost), else undefined. */
  private async ownWrite(entity: Row): Promise<string | undefined> {
    try {
      const stored = await this.table.getEntity<Record<string, unknown>>(entity.partitionKey, entity.rowKey);
      return stored[WRITE_ID] === entity[WRITE_ID] ? (stored.etag ?? '') : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Answers the new version, or undefined when a row with these keys already exists. */
  async createIfAbsent(value: T): Promise<string | undefined> {
    const entity = this.toEntity(value);
    try {
      const r = await this.table.createEntity(entity);
      return r.etag ?? '';
    } catch (error) {
      if (statusOf(error) === 409) return this.ownWrite(entity);
      throw error;
    }
  }

  async create(value: T, what: string): Promise<string> {
    const v = await this.createIfAbsent(value);
    if (v === undefined) throw new VersionConflict(what);
    return v;
  }

  async save(value: T, expectedVersion: string, what: string): Promise<string> {
    if (!expectedVersion) throw new VersionConflict(what);
    const entity = this.toEntity(value);
    try {
      const r = await this.table.updateEntity(entity, 'Replace', { etag: expectedVersion });
      return r.etag ?? '';
    } catch (error) {
      const s = statusOf(error);
      if (s === 412) {
        const version = await this.ownWrite(entity);
        if (version !== undefined) return version;
      }
      if (s === 412 || s === 404) throw new VersionConflict(what);
      throw error;
    }
  }

  async delete(partitionKey: string, rowKey: string, expectedVersion?: string): Promise<void> {
    try {
      await this.table.deleteEntity(toKey(partitionKey), toKey(rowKey), expectedVersion ? { etag: expectedVersion } : {});
    } catch (error) {
      const s = statusOf(error);
      if (s === 404) return;
      if (s === 412) throw new VersionConflict(`${this.logicalName} row`);
      throw error;
    }
  }

  /** Reads every page to the end; an unbounded list is the caller's choice, made explicit by `filter`. */
  async query(filter?: string, select?: string[]): Promise<Versioned<T>[]> {
    const out: Versioned<T>[] = [];
    const iter = this.table.listEntities<Record<string, unknown>>({
      queryOptions: { ...(filter ? { filter } : {}), ...(select ? { select } : {}) },
    });
    for await (const e of iter) out.push(this.fromEntity(e));
    return out;
  }
}
