// Membership of the Entra ID security group that grants access to the grading systems, through
// Microsoft Graph (the shared client: src/graph/graph-client.ts).
// - Removal: DELETE /v1.0/groups/{group}/members/{object id}/$ref. A 404 means the person was not (or
//   is no longer) a member, which is the state we want.
// - Restore after an agreed return (issue 14, part 1): POST /v1.0/groups/{group}/members/$ref with the
//   directory object's @odata.id. A 400 saying the member already exists is the state we want.
// - Throttling: the client waits out a short Retry-After itself (429/503/504). A longer one, or one still
//   throttled after the client's retries, is 'retry' with its Retry-After, and the job waits that long
//   (a job tick never sleeps for minutes).
import type { RestoreResult, ViewingAccess } from '../kernel/ports.ts';
import { graphErrorText, graphFailure, type HavenGraphClient } from './graph-client.ts';

export class GraphViewingAccess implements ViewingAccess {
  readonly configured = true;
  constructor(private readonly options: { graph: HavenGraphClient; groupId: string }) {}

  async remove(person: { id: string; aadObjectId: string }): Promise<'removed' | 'failed'> {
    const group = encodeURIComponent(this.options.groupId);
    try {
      await this.options.graph.client.api(`/groups/${group}/members/${encodeURIComponent(person.aadObjectId)}/$ref`).delete();
      return 'removed';
    } catch (error) {
      return graphFailure(error).status === 404 ? 'removed' : 'failed';
    }
  }

  async restore(person: { id: string; aadObjectId: string }): Promise<RestoreResult> {
    const group = encodeURIComponent(this.options.groupId);
    try {
      await this.options.graph.client.api(`/groups/${group}/members/$ref`).post({
        '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${encodeURIComponent(person.aadObjectId)}`,
      });
      return { outcome: 'restored' };
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 400 && /already exist/i.test(graphErrorText(error))) return { outcome: 'restored' };
      if (failure.status === 429 || failure.status === 503 || failure.status === 504)
        return { outcome: 'retry', afterSeconds: Math.min(failure.retryAfterSeconds ?? 60, 3600) };
      // No answer (timeout, connection refused): try again in a minute; the job gives up after a few tries.
      if (failure.status === undefined) return { outcome: 'retry', afterSeconds: 60 };
      return { outcome: 'failed' };
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
