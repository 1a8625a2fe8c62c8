// Teams delivery rules, pure. Figures: Teams allows about 7 messages/s per conversation (8 per 2 s,
// 60 per 30 s, 1800 per hour) and 50 requests/s per app per tenant.

export type Lane = 'alert' | 'bulk';

export type DeliveryOutcome =
  | { kind: 'delivered'; activityId: string }
  | { kind: 'retry'; atMs: number; reason: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'failed'; reason: string };

export interface DeliveryAttempt {
  status: number; // 0 for a network error or timeout
  retryAfterMs?: number;
  code?: string;
  activityId?: string;
}

export const RETRYABLE = new Set([0, 412, 429, 500, 502, 503, 504]);
export const PERMANENT = new Set([400, 401, 404, 413]);

/** Exponential back-off with full jitter, capped; `random` in [0,1) is passed in to keep this pure. */
export function backoffMs(attempt: number, random: number, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(baseMs / 2, Math.floor(random * ceiling));
}

export function classifyAttempt(
  a: DeliveryAttempt,
  attemptNumber: number,
  maxAttempts: number,
  nowMs: number,
  random: number,
): DeliveryOutcome {
  if (a.status >= 200 && a.status < 300) return { kind: 'delivered', activityId: a.activityId ?? '' };
  // 403 is how Teams says the person blocked or removed the app, or the bot left the team.
  if (a.status === 403) return { kind: 'unreachable', reason: `403 ${a.code ?? 'Forbidden'}` };
  if (PERMANENT.has(a.status)) return { kind: 'failed', reason: `${a.status} ${a.code ?? ''}`.trim() };
  if (!RETRYABLE.has(a.status) && a.status < 500) return { kind: 'failed', reason: `${a.status} ${a.code ?? ''}`.trim() };
  if (attemptNumber >= maxAttempts)
    return { kind: 'failed', reason: `gave up after ${attemptNumber} attempts (last ${a.status || 'network error'})` };
  const backoff = backoffMs(attemptNumber, random);
  // Never earlier than the server asked for: Teams sends Retry-After on 429 and also on 412/502/503/504.
  const wait = a.retryAfterMs !== undefined ? Math.max(a.retryAfterMs, backoff / 4) : backoff;
  return { kind: 'retry', atMs: nowMs + Math.ceil(wait), reason: `${a.status || 'network error'}` };
}

/**
 * Sliding-window limiter for several windows at once. `tryTake` answers 0 when a send may go now,
 * otherwise how many ms to wait. State is a plain object so the caller owns time.
 */
export interface Window {
  limit: number;
  windowMs: number;
}
export const CONVERSATION_WINDOWS: Window[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];
export const TENANT_WINDOWS: Window[] = [{ limit: 50, windowMs: 1000 }];

export class SlidingWindowLimiter {
  private readonly stamps = new Map<string, number[]>();
  constructor(private readonly windows: Window[]) {}

  /**
   * ms until a send for `key` is allowed; 0 means allowed now. Counts nothing. `reserve` keeps that many
   * sends of every window free for others (bulk leaves room for alerts).
   */
  waitMs(key: string, nowMs: number, reserve = 0): number {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    const list = (this.stamps.get(key) ?? []).filter((t) => t > nowMs - longest);
    if (list.length) this.stamps.set(key, list);
    else this.stamps.delete(key);
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = list.filter((t) => t > nowMs - w.windowMs);
      const limit = Math.max(1, w.limit - reserve);
      if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit]! + w.windowMs - nowMs);
    }
    return wait;
  }

  /** ms until a send for `key` is allowed; 0 means allowed now (and the send is counted). */
  tryTake(key: string, nowMs: number): number {
    const wait = this.waitMs(key, nowMs);
    if (wait === 0) this.stamps.set(key, [...(this.stamps.get(key) ?? []), nowMs]);
    return wait;
  }

  /**
   * Moves a send counted at `takenMs` to `atMs`, when its answer came back. Teams counts requests when
   * they arrive, somewhere between the two; a slow request (new connection, token) followed by fast
   * ones would otherwise put 8 arrivals inside one second. Keeps the stamps in order.
   */
  restamp(key: string, takenMs: number, atMs: number): void {
    const list = this.stamps.get(key);
    const i = list ? list.lastIndexOf(takenMs) : -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    const at = list.findIndex((t) => t > atMs);
    list.splice(at < 0 ? list.length : at, 0, atMs);
  }
}
