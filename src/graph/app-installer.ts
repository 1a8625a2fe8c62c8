// AppInstaller over Microsoft Graph v1.0 (application permission TeamsAppInstallation.ReadWriteSelfForUser.All):
// - isInstalled: GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{catalogue id}'
// - install:     POST /users/{id}/teamwork/installedApps {"teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}"}
//   201 installed; 409 already installed; anything else a short plain reason (status and meaning, never
//   Graph's free text, which can name the user).
// Throttling (429 with Retry-After) and 503/504 are retried by the client before any of this is decided.
import type { AppInstaller, InstallOutcome } from '../kernel/ports.ts';
import { graphFailure, type HavenGraphClient } from './graph-client.ts';

/** A short reason an admin can act on, from a Graph status after the client's retries. */
export function installFailureReason(status: number | undefined): string {
  if (status === undefined) return 'no answer from Microsoft Graph';
  if (status === 404) return 'user not in the tenant, or Haven not in the app catalogue (Graph 404)';
  if (status === 403)
    return 'Graph refused: 403 (permission TeamsAppInstallation.ReadWriteSelfForUser.All, or the user has no Teams licence)';
  if (status === 401) return 'Graph did not accept Haven’s identity (401)';
  if (status === 400) return 'Graph rejected the request (400)';
  if (status === 429 || status === 503 || status === 504) return `Graph still busy after retries (${status}); run the install again later`;
  return `Graph answered ${status}`;
}

export class GraphAppInstaller implements AppInstaller {
  readonly configured = true;
  constructor(
    private readonly graph: HavenGraphClient,
    /** Haven's id in the org's app catalogue (HAVEN_TEAMS_APP_CATALOG_ID). */
    private readonly teamsAppCatalogId: string,
  ) {}

  async isInstalled(userObjectId: string): Promise<boolean> {
    const apps = await this.graph.listAll<{ teamsApp?: { id?: string } }>(
      `/users/${encodeURIComponent(userObjectId)}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${encodeURIComponent(this.teamsAppCatalogId)}'`,
    );
    return apps.some((a) => a.teamsApp?.id === this.teamsAppCatalogId);
  }

  async install(userObjectId: string): Promise<InstallOutcome> {
    try {
      await this.graph.client.api(`/users/${encodeURIComponent(userObjectId)}/teamwork/installedApps`).post({
        'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.teamsAppCatalogId)}`,
      });
      return { outcome: 'installed' };
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 409) return { outcome: 'alreadyInstalled' };
      return { outcome: 'failed', reason: installFailureReason(failure.status) };
    }
  }
}
