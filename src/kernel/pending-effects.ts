// Crash consistency, one mechanism for every feature: a decision and what must follow from it are
// stored in ONE write (the record carries its `pendingEffects`); only then are the effects applied
// (a flag raised, messages queued), and a second, ETag-guarded write clears them. A crash between the
// two writes leaves the effects on the record, and the feature's job finishes them. Applying must be
// idempotent (each effect has a deterministic id: an outbox id, a flag id), because a crash after an
// effect was applied but before it was cleared applies it again.
import { VersionConflict, type Versioned } from './ports.ts';

export interface PendingEffect<E> {
  /** Deterministic: what the effect creates is keyed by it, so applying it twice creates it once. */
  id: string;
  effect: E;
}

export interface CarriesEffects<E> {
  pendingEffects?: PendingEffect<E>[];
}

export function hasPendingEffects(record: CarriesEffects<unknown>): boolean {
  return (record.pendingEffects?.length ?? 0) > 0;
}

/**
 * `next` carrying the effects `previous` still held (a crash may have left some) and the new ones.
 * An effect whose id is already pending is not added twice.
 */
export function withPendingEffects<E, T extends CarriesEffects<E>>(
  previous: CarriesEffects<E>,
  next: T,
  added: readonly PendingEffect<E>[],
): T {
  const pending = [...(previous.pendingEffects ?? [])];
  for (const item of added) if (!pending.some((p) => p.id === item.id)) pending.push(item);
  if (pending.length === 0 && next.pendingEffects === undefined) return next;
  return { ...next, pendingEffects: pending };
}

/** How a feature reads and saves the records that carry effects. */
export interface EffectStore<T> {
  get(id: string): Promise<Versioned<T> | undefined>;
  save(value: T, expectedVersion: string): Promise<string>;
}

export interface FlushOptions<E, T extends CarriesEffects<E>> {
  store: EffectStore<T>;
  idOf(record: T): string;
  /**
   * Applies the pending effects, idempotently, and answers the record as it should be stored once
   * they are done (e.g. with the id of the flag raised, or the messages sent); the pending effects
   * are cleared by flushPendingEffects itself.
   */
  apply(record: T, pending: readonly PendingEffect<E>[]): Promise<T>;
  /** Rounds of apply-and-save when someone else saves the record meanwhile (default 3). */
  attempts?: number;
}

/**
 * Applies a record's pending effects and clears them with an ETag save. On a conflict the record is
 * read again and its (possibly grown) pending effects applied again; the ids make that harmless.
 * Safe to call at any time, as often as wanted; a record with nothing pending is answered as it is.
 */
export async function flushPendingEffects<E, T extends CarriesEffects<E>>(
  stored: Versioned<T>,
  options: FlushOptions<E, T>,
): Promise<Versioned<T>> {
  let current = stored;
  for (let attempt = 0; attempt < (options.attempts ?? 3); attempt++) {
    const pending = current.value.pendingEffects ?? [];
    if (pending.length === 0) return current;
    const done = await options.apply(current.value, pending);
    const next: T = { ...done, pendingEffects: [] };
    try {
      return { value: next, version: await options.store.save(next, current.version) };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      const reloaded = await options.store.get(options.idOf(current.value));
      if (!reloaded) throw error;
      current = reloaded;
    }
  }
  return current;
}

/**
 * The job's half: finishes every record a crash (or a failed flush) left with pending effects. One
 * failure does not stop the others; it is reported and the next run tries again. Answers how many
 * records were finished.
 */
export async function finishInterrupted<T extends CarriesEffects<unknown>>(
  records: readonly Versioned<T>[],
  flush: (record: Versioned<T>) => Promise<unknown>,
  onError: (record: Versioned<T>, error: Error) => void,
): Promise<number> {
  let finished = 0;
  for (const record of records) {
    if (!hasPendingEffects(record.value)) continue;
    try {
      await flush(record);
      finished++;
    } catch (error) {
      onError(record, error as Error);
    }
  }
  return finished;
}
