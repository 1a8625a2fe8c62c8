// Membership of the Entra ID security group that grants access to the grading systems, through
// Microsoft Graph.
// - Removal: DELETE /v1.0/groups/{group}/members/{object id}/$ref. A 404 means the person was not (or
//   is no longer) a member, which is the state we want.
// - Restore after an agreed return (issue 14, part 1): POST /v1.0/groups/{group}/members/$ref with the
//   directory object's @odata.id. A 400 saying the member already exists is the state we want. A 429
//   (or 503) asks to be called again: 'retry' with its Retry-After, and the job waits that long.
import type { RestoreResult, ViewingAccess } from '../kernel/ports.ts';

export type TokenProvider = () => Promise<string>;

/** Seconds from a Retry-After header (seconds or an HTTP date); a minute when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header) return 60;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return Math.min(Math.ceil(n), 3600);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 60 : Math.min(Math.max(0, Math.ceil((at - now) / 1000)), 3600);
}

export class GraphViewingAccess implements ViewingAccess {
  readonly configured = true;
  constructor(private readonly options: { graphUrl: string; groupId: string; token: TokenProvider; timeoutMs?: number }) {}

  async remove(person: { id: string; aadObjectId: string }): Promise<'removed' | 'failed'> {
    try {
      const token = await this.options.token();
      const url = `${this.options.graphUrl}/v1.0/groups/${encodeURIComponent(this.options.groupId)}/members/${encodeURIComponent(person.aadObjectId)}/$ref`;
      const r = await fetch(url, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await r.arrayBuffer();
      return r.status === 204 || r.status === 200 || r.status === 404 ? 'removed' : 'failed';
    } catch {
      return 'failed';
    }
  }

  async restore(person: { id: string; aadObjectId: string }): Promise<RestoreResult> {
    try {
      const token = await this.options.token();
      const url = `${this.options.graphUrl}/v1.0/groups/${encodeURIComponent(this.options.groupId)}/members/$ref`;
      const r = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${encodeURIComponent(person.aadObjectId)}`,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const body = await r.text();
      if (r.status === 204 || r.status === 200) return { outcome: 'restored' };
      if (r.status === 400 && /already exist/i.test(body)) return { outcome: 'restored' };
      if (r.status === 429 || r.status === 503) return { outcome: 'retry', afterSeconds: retryAfterSeconds(r.headers.get('retry-after')) };
      return { outcome: 'failed' };
    } catch {
      // No answer (timeout, connection refused): try again in a minute; the job gives up after a few tries.
      return { outcome: 'retry', afterSeconds: 60 };
    }
  }
}

export const noViewingAccess: ViewingAccess = {
  configured: false,
  async remove() {
    return 'notConfigured';
  },
  async restore() {
    return { outcome: 'notConfigured' };
  },
};
