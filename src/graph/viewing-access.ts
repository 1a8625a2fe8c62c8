// Removal from the Entra ID security group that grants access to the grading systems, through
// Microsoft Graph: DELETE /v1.0/groups/{group}/members/{object id}/$ref. A 404 means the person was
// not (or is no longer) a member, which is the state we want.
import type { ViewingAccess } from '../kernel/ports.ts';

export type TokenProvider = () => Promise<string>;

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
}

export const noViewingAccess: ViewingAccess = {
  configured: false,
  async remove() {
    return 'notConfigured';
  },
};
