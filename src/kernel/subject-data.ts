// What a feature holds about one person, for data-protection requests. Each feature describes its
// own tables (features/<name>/subject.ts); src/features/subject-requests builds both the subject
// access export and the erasure from these same pieces, so a record kind an erasure deletes is a
// record kind the export shows: the two cannot drift apart again.
import type { Person } from './types.ts';
import { VersionConflict, type Versioned } from './ports.ts';

/** The person a request is about, and how to find them in any record. */
export interface DataSubject {
  person: Person;
  /** How a request raised before they were on the roster names them: `unrostered:<Teams user id>`. */
  unrosteredId: string;
  /** Does the value (searched deeply) name them: roster id, Teams user id or Entra object id? */
  mentionedIn(value: unknown): boolean;
  /** A deep copy with every mention of them replaced by the pseudonym (keys are left alone). */
  replaceIn<T>(value: T, pseudonym: string): T;
  /** Today (UTC), YYYY-MM-DD. */
  today: string;
}

/** One kind of record that is the person's own data: exported in full and deleted by an erasure. */
export interface OwnRecords {
  /** The export's section name, camelCase: `checkIns`. */
  kind: string;
  /** For the erasure plan, after "remove N": `check-in(s) of theirs, with their answers`. */
  describe: string;
  /** Each record's id (listed in the plan) and what the export shows of it (encrypted fields decrypted). */
  records: { id: string; data: unknown }[];
  /** Deletes every one of them. */
  erase(): Promise<void>;
}

/** One kind of someone else's record that names the person: not exported (it is that person's data), pseudonymised by an erasure. */
export interface NamingRecords {
  kind: string;
  /** For the erasure plan, after "replace their id with a pseudonym in N": `other person's flag(s) they were told about`. */
  describe: string;
  ids: string[];
  /** Replaces every mention of the person with the pseudonym, keeping the record's shape. */
  pseudonymise(pseudonym: string): Promise<void>;
}

/** What one feature holds about the person, read (and decrypted) before anything is written. */
export interface SubjectHoldings {
  own: OwnRecords[];
  naming: NamingRecords[];
  /** Why the erasure cannot go ahead now (work Haven still has to do that involves them). */
  blockers: string[];
  /**
   * How outbox messages and audit rows refer to the person's own records (a message id or audit
   * subject equal to one of these, or starting with it and a colon): they go, or are exported, with them.
   */
  references: string[];
}

export interface SubjectData<D> {
  /**
   * Reads everything the feature holds about the person. Reads only: an export and a dry run call it
   * too, and a wrong data key must fail here, before the first write.
   */
  gather(deps: D, subject: DataSubject): Promise<SubjectHoldings>;
  /**
   * Words the feature writes as whole values or `:`-separated segments (kinds, statuses). A roster id
   * equal to one of them cannot be told apart from them, so it is not erased automatically.
   */
  vocabulary?: readonly string[];
}

/** Deletes or rewrites one row from what is stored now; a concurrent edit is re-read and retried. */
export async function withLatest<T>(
  read: () => Promise<Versioned<T> | undefined>,
  write: (current: Versioned<T>) => Promise<unknown>,
): Promise<void> {
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
