// EntraDirectory over Microsoft Graph v1.0 (application permissions GroupMember.Read.All or
// Group.Read.All, and User.Read.All):
// - GET /groups/{id}/transitiveMembers/microsoft.graph.user  users only, nested groups expanded, every page
// - GET /users/{id}/manager  404 = no manager
// - GET /users/{id}  404 = not in the tenant
// Throttling and 5xx are retried by the client; what still fails throws GraphUnavailable (status kept: a
// group that does not exist is GraphUnavailable(404), for the caller to report as a mapping problem).
import type { DirectoryUser, EntraDirectory } from '../kernel/ports.ts';
import { graphFailure, type HavenGraphClient } from './graph-client.ts';

const USER_FIELDS = 'id,userPrincipalName,displayName,accountEnabled';

interface GraphUser {
  id?: unknown;
  userPrincipalName?: unknown;
  displayName?: unknown;
  accountEnabled?: unknown;
}

function toDirectoryUser(u: GraphUser): DirectoryUser | undefined {
  if (typeof u.id !== 'string' || !u.id) return undefined;
  return {
    id: u.id,
    userPrincipalName: typeof u.userPrincipalName === 'string' ? u.userPrincipalName : '',
    displayName: typeof u.displayName === 'string' ? u.displayName : '',
    ...(typeof u.accountEnabled === 'boolean' ? { accountEnabled: u.accountEnabled } : {}),
  };
}

const seg = (id: string) => encodeURIComponent(id);

export class GraphEntraDirectory implements EntraDirectory {
  readonly configured = true;
  constructor(private readonly graph: HavenGraphClient) {}

  async transitiveUserMembers(groupId: string): Promise<DirectoryUser[]> {
    const items = await this.graph.listAll<GraphUser>(
      `/groups/${seg(groupId)}/transitiveMembers/microsoft.graph.user?$select=${USER_FIELDS}&$top=999`,
    );
    const seen = new Set<string>();
    const users: DirectoryUser[] = [];
    for (const item of items) {
      const u = toDirectoryUser(item);
      if (u && !seen.has(u.id)) {
        seen.add(u.id);
        users.push(u);
      }
    }
    return users;
  }

  async managerOf(userId: string): Promise<string | undefined> {
    try {
      const m = (await this.graph.client
        .api(`/users/${seg(userId)}/manager`)
        .select('id')
        .get()) as GraphUser;
      return typeof m?.id === 'string' && m.id ? m.id : undefined;
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 404) return undefined;
      throw failure;
    }
  }

  async user(userId: string): Promise<DirectoryUser | undefined> {
    try {
      return toDirectoryUser(
        (await this.graph.client
          .api(`/users/${seg(userId)}`)
          .select(USER_FIELDS)
          .get()) as GraphUser,
      );
    } catch (error) {
      const failure = graphFailure(error);
      if (failure.status === 404) return undefined;
      throw failure;
    }
  }
}
