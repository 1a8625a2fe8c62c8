// A fake Microsoft Graph v1.0 on loopback, with an in-memory tenant: what Haven's adapters call, with
// Graph's paging, throttling and failures. The tests use it (test/support/fake-graph.ts re-exports it) and
// so does `npm run graph:fake` (src/cli/fake-graph.ts), so a newcomer can try the roster commands.
// Endpoints (ids may be given URL-encoded):
// - GET  /v1.0/groups/{id}/transitiveMembers[/microsoft.graph.user]  nested groups expanded; $select, $top;
//        pages of min($top, pageSize) linked by @odata.nextLink ($skiptoken). Without the cast, groups are
//        listed too (as Graph does), typed by @odata.type.
// - GET  /v1.0/users/{id or userPrincipalName}  ($select honoured)
// - GET  /v1.0/users/{id}/manager  404 when the user has none
// - GET  /v1.0/users/{id}/teamwork/installedApps  $expand=teamsApp, $filter=teamsApp/id eq '{app id}'
// - POST /v1.0/users/{id}/teamwork/installedApps  {"teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}"}
//        201; 409 when already installed; 404 for an unknown user or an app not in the catalogue
// - POST /v1.0/groups/{id}/members/$ref  {"@odata.id": ".../directoryObjects/{id}"}: 204; Graph's 400
//        "already exist" for a member
// - DELETE /v1.0/groups/{id}/members/{id}/$ref  204; 404 when not a member
// Faults: throttle or fail the next N requests matching a path pattern; fail one user's installs for good;
// scripted answers for the next group additions; every removal failing (failWith). Every request is
// logged (one entry per HTTP attempt, so a retry shows twice). With `token` set, a request without
// `Bearer <token>` gets 401.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled?: boolean;
  /** Object id of their manager. */
  managerId?: string;
}

export interface FakeGroup {
  id: string;
  displayName?: string;
  /** User ids and nested group ids. */
  members: string[];
}

export interface FakeTenant {
  users: FakeUser[];
  groups: FakeGroup[];
  /** Apps in the org's catalogue (teamsApp ids); undefined accepts any id. */
  catalogue?: string[];
  /** Apps already installed, per user object id (teamsApp ids). */
  installedApps?: Record<string, string[]>;
}

export interface FakeGraphOptions {
  tenant?: FakeTenant;
  /** Largest page a collection answers with (a smaller $top wins). Default 100. */
  pageSize?: number;
  /** When set, every request must carry `Authorization: Bearer <token>` (else 401). */
  token?: string;
  /** Default 0 (a free port). */
  port?: number;
}

export interface GraphRequest {
  method: string;
  /** Path as received (still URL-encoded), without the query string. */
  path: string;
  /** Query parameters, decoded. */
  query: Record<string, string>;
  authorization?: string;
  /** Decoded group id, for a membership call or a transitive listing. */
  groupId?: string;
  /** Decoded directory object id, for a membership removal, or read from the body of an addition. */
  memberId?: string;
  /** Decoded user id, for /users/{id}/… */
  userId?: string;
  /** The request body, parsed (JSON). */
  body?: unknown;
  status: number;
}

/** A scripted answer to the next membership addition. */
export interface AddAnswer {
  status: number;
  /** Retry-After header, in seconds (for a 429 or 503). */
  retryAfter?: number;
}

export interface FaultSpec {
  /** A regular expression on the decoded path and query (`/v1.0/users/x?$top=5`), or a substring of it. */
  path: RegExp | string;
  method?: string;
  status: number;
  /** How many matching requests get it. Default 1. */
  times?: number;
  /** Retry-After header, in seconds. */
  retryAfter?: number;
}

export interface FakeGraph {
  /** Base URL for HAVEN_GRAPH_URL (no trailing slash). */
  readonly url: string;
  readonly requests: GraphRequest[];
  /** The next `times` requests matching `path` get a 429 with Retry-After (seconds, default 1). */
  throttle(path: RegExp | string, times?: number, retryAfterSeconds?: number, method?: string): void;
  /** The next `times` requests matching `path` get `status` (default 503), with Retry-After when given. */
  failNext(path: RegExp | string, times?: number, status?: number, retryAfterSeconds?: number, method?: string): void;
  fault(spec: FaultSpec): void;
  /** Every later install for this user answers `status` (e.g. 403); undefined lifts it. */
  failInstallsFor(userId: string, status: number | undefined): void;
  /** Answer every later membership removal with this status (e.g. 500, 403); undefined restores normal answers. */
  failWith(status: number | undefined): void;
  /** Answer the next additions with these, in order; after them, additions succeed again. */
  answerAddsWith(...answers: AddAnswer[]): void;
  /** Who is directly in the group now (ids). */
  members(groupId: string): string[];
  /** Puts someone in the group as if added elsewhere (a group not in the tenant is created). */
  seedMember(groupId: string, memberId: string): void;
  removeMember(groupId: string, memberId: string): void;
  addUser(user: FakeUser): void;
  /** Installed teamsApp ids for the user. */
  installedApps(userId: string): string[];
  setPageSize(size: number): void;
  close(): Promise<void>;
}

const GUIDISH = /^[A-Za-z0-9._@-]{1,128}$/;

function graphError(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function pick(o: Record<string, unknown>, select: string | undefined): Record<string, unknown> {
  if (!select) return o;
  const keep = new Set(select.split(',').map((s) => s.trim()));
  return Object.fromEntries(Object.entries(o).filter(([k]) => keep.has(k) || k.startsWith('@odata')));
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const users = new Map<string, FakeUser>();
  const groups = new Map<string, Set<string>>();
  const groupNames = new Map<string, string>();
  const installed = new Map<string, Map<string, string>>(); // user → app id → installation id
  const catalogue = options.tenant?.catalogue ? new Set(options.tenant.catalogue) : undefined;
  for (const u of options.tenant?.users ?? []) users.set(u.id, { ...u });
  for (const g of options.tenant?.groups ?? []) {
    groups.set(g.id, new Set(g.members));
    if (g.displayName) groupNames.set(g.id, g.displayName);
  }
  let installSeq = 0;
  const install = (userId: string, appId: string) => {
    const apps = installed.get(userId) ?? installed.set(userId, new Map()).get(userId)!;
    apps.set(appId, `installation-${++installSeq}`);
  };
  for (const [userId, apps] of Object.entries(options.tenant?.installedApps ?? {})) for (const a of apps) install(userId, a);
  const group = (id: string) => groups.get(id) ?? groups.set(id, new Set()).get(id)!;
  let pageSize = options.pageSize ?? 100;
  let removalFailure: number | undefined;
  const scriptedAdds: AddAnswer[] = [];
  const faults: (FaultSpec & { left: number })[] = [];
  const installFailures = new Map<string, number>();

  const userById = (idOrUpn: string) =>
    users.get(idOrUpn) ?? [...users.values()].find((u) => u.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase());
  const userJson = (u: FakeUser): Record<string, unknown> => ({
    '@odata.type': '#microsoft.graph.user',
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    accountEnabled: u.accountEnabled ?? true,
    mail: u.userPrincipalName,
  });

  /** Users and groups under a group, nested groups expanded once each. */
  const transitive = (groupId: string): { users: FakeUser[]; groups: string[] } => {
    const seenGroups = new Set<string>([groupId]);
    const seenUsers = new Set<string>();
    const out = { users: [] as FakeUser[], groups: [] as string[] };
    const walk = (g: string) => {
      for (const m of groups.get(g) ?? []) {
        if (groups.has(m)) {
          if (seenGroups.has(m)) continue;
          seenGroups.add(m);
          out.groups.push(m);
          walk(m);
        } else if (users.has(m) && !seenUsers.has(m)) {
          seenUsers.add(m);
          out.users.push(users.get(m)!);
        }
      }
    };
    walk(groupId);
    return out;
  };

  let baseUrl = '';
  /** One page of `items`, with a nextLink carrying the same query and the next $skiptoken. */
  const page = (res: http.ServerResponse, path: string, query: Record<string, string>, items: Record<string, unknown>[]) => {
    const top = query.$top ? Math.max(1, Math.min(999, Number(query.$top) || pageSize)) : pageSize;
    const size = Math.min(top, pageSize);
    const skip = Number(query.$skiptoken ?? '0') || 0;
    const body: Record<string, unknown> = { value: items.slice(skip, skip + size).map((i) => pick(i, query.$select)) };
    if (skip + size < items.length) {
      const next = new URLSearchParams({ ...query, $skiptoken: String(skip + size) });
      body['@odata.nextLink'] = `${baseUrl}${path}?${next.toString()}`;
    }
    json(res, 200, body);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) => {
    const [rawPath, rawQuery = ''] = (req.url ?? '/').split('?') as [string, string?];
    const path = rawPath;
    const query = Object.fromEntries(new URLSearchParams(rawQuery));
    const method = req.method ?? 'GET';
    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
    }
    const entry: GraphRequest = { method, path, query, authorization: req.headers.authorization, status: 0 };
    if (body !== undefined) entry.body = body;
    requests.push(entry);
    const segments = path.split('/').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    const decoded = segments.join('/');
    // Faults match the decoded path and its query, so a test can throttle one page ($skiptoken=…).
    const target = rawQuery ? `${decoded}?${new URLSearchParams(rawQuery).toString().replace(/%24/g, '$')}` : decoded;
    const send = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      entry.status = status;
      graphError(res, status, code, message, headers);
    };
    const ok = (status: number, payload?: unknown) => {
      entry.status = status;
      if (payload === undefined) {
        res.writeHead(status, { 'content-length': '0' });
        return res.end();
      }
      json(res, status, payload);
    };

    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`)
      return send(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');

    // Ids for the log, before any fault, so a test can find a throttled call by user or group.
    const [, v, top, id, sub, ...rest] = segments; // '', 'v1.0', 'groups'|'users', id, …
    if (v === 'v1.0' && top === 'users' && id) entry.userId = id;
    if (v === 'v1.0' && top === 'groups' && id) entry.groupId = id;

    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.path === 'string' ? target.includes(f.path) : f.path.test(target)),
    );
    if (fault) {
      fault.left--;
      return send(
        fault.status,
        fault.status === 429 ? 'TooManyRequests' : fault.status >= 500 ? 'serviceNotAvailable' : 'Forbidden',
        `Fake Graph answered ${fault.status}.`,
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    }

    if (v !== 'v1.0') return send(404, 'Request_ResourceNotFound', 'Unknown API version.');

    // Groups.
    if (top === 'groups' && id) {
      if (
        method === 'GET' &&
        sub === 'transitiveMembers' &&
        (rest.length === 0 || (rest.length === 1 && rest[0] === 'microsoft.graph.user'))
      ) {
        if (!groups.has(id)) return send(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
        const t = transitive(id);
        const items = t.users.map(userJson);
        if (rest.length === 0)
          items.push(...t.groups.map((g) => ({ '@odata.type': '#microsoft.graph.group', id: g, displayName: groupNames.get(g) ?? g })));
        entry.status = 200;
        return page(res, path, query, items);
      }
      if (sub === 'members' && rest.length === 1 && rest[0] === '$ref' && method === 'POST') {
        const ref = (body as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
        const m = typeof ref === 'string' ? /\/directoryObjects\/([^/]+)$/.exec(ref) : null;
        if (m) entry.memberId = decodeURIComponent(m[1]!);
        const next = scriptedAdds.shift();
        if (next)
          return send(
            next.status,
            next.status === 429 ? 'TooManyRequests' : 'generalException',
            `Fake Graph answered ${next.status}.`,
            next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {},
          );
        if (!entry.memberId) return send(400, 'Request_BadRequest', 'Invalid object identifier.');
        if (group(id).has(entry.memberId))
          return send(
            400,
            'Request_BadRequest',
            "One or more added object references already exist for the following modified properties: 'members'.",
          );
        group(id).add(entry.memberId);
        return ok(204);
      }
      if (sub === 'members' && rest.length === 2 && rest[1] === '$ref' && method === 'DELETE') {
        entry.memberId = rest[0]!;
        if (removalFailure !== undefined) return send(removalFailure, 'generalException', `Fake Graph answered ${removalFailure}.`);
        if (!group(id).delete(entry.memberId)) return send(404, 'Request_ResourceNotFound', `Resource '${entry.memberId}' does not exist.`);
        return ok(204);
      }
    }

    // Users.
    if (top === 'users' && id && method === 'GET' && sub === undefined) {
      const u = userById(id);
      if (!u) return send(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
      entry.status = 200;
      return json(res, 200, pick(userJson(u), query.$select));
    }
    if (top === 'users' && id && method === 'GET' && sub === 'manager' && rest.length === 0) {
      const u = userById(id);
      if (!u) return send(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
      const manager = u.managerId ? users.get(u.managerId) : undefined;
      if (!manager)
        return send(
          404,
          'Request_ResourceNotFound',
          `Resource 'manager' does not exist or one of its queried reference-property objects are not present.`,
        );
      entry.status = 200;
      return json(res, 200, pick(userJson(manager), query.$select));
    }
    if (top === 'users' && id && sub === 'teamwork' && rest.length === 1 && rest[0] === 'installedApps') {
      const u = userById(id);
      if (!u) return send(404, 'Request_ResourceNotFound', `User '${id}' does not exist.`);
      if (method === 'GET') {
        let apps = [...(installed.get(u.id) ?? new Map<string, string>()).entries()];
        const filter = query.$filter;
        if (filter) {
          const f = /^teamsApp\/id eq '([^']+)'$/.exec(filter.trim());
          if (!f) return send(400, 'BadRequest', 'Unsupported $filter.');
          apps = apps.filter(([appId]) => appId === f[1]);
        }
        const expand = (query.$expand ?? '').split(',').includes('teamsApp');
        const items = apps.map(([appId, installationId]) =>
          expand ? { id: installationId, teamsApp: { id: appId, displayName: appId } } : { id: installationId },
        );
        entry.status = 200;
        return page(res, path, query, items);
      }
      if (method === 'POST') {
        const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
        const m = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind) : null;
        if (!m) return send(400, 'BadRequest', 'teamsApp@odata.bind is required.');
        const appId = decodeURIComponent(m[1]!);
        const failure = installFailures.get(u.id);
        if (failure !== undefined)
          return send(failure, failure === 403 ? 'Forbidden' : 'generalException', `Fake Graph answered ${failure}.`);
        if (catalogue && !catalogue.has(appId)) return send(404, 'NotFound', `App '${appId}' is not in the catalogue.`);
        if (installed.get(u.id)?.has(appId)) return send(409, 'Conflict', 'App is already installed.');
        install(u.id, appId);
        return ok(201);
      }
    }
    send(404, 'Request_ResourceNotFound', 'Fake Graph answered 404.');
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const addFault = (spec: FaultSpec) => faults.push({ ...spec, left: spec.times ?? 1 });
  return {
    url: baseUrl,
    requests,
    throttle(path, times = 1, retryAfterSeconds = 1, method) {
      addFault({ path, times, status: 429, retryAfter: retryAfterSeconds, method });
    },
    failNext(path, times = 1, status = 503, retryAfterSeconds, method) {
      addFault({ path, times, status, retryAfter: retryAfterSeconds, method });
    },
    fault: addFault,
    failInstallsFor(userId, status) {
      if (status === undefined) installFailures.delete(userId);
      else installFailures.set(userId, status);
    },
    failWith(status) {
      removalFailure = status;
    },
    answerAddsWith(...answers) {
      scriptedAdds.push(...answers);
    },
    members(groupId) {
      return [...(groups.get(groupId) ?? [])];
    },
    seedMember(groupId, memberId) {
      group(groupId).add(memberId);
    },
    removeMember(groupId, memberId) {
      groups.get(groupId)?.delete(memberId);
    },
    addUser(user) {
      if (!GUIDISH.test(user.id)) throw new Error('a fake user id must be URL-safe');
      users.set(user.id, { ...user });
    },
    installedApps(userId) {
      return [...(installed.get(userId)?.keys() ?? [])];
    },
    setPageSize(size) {
      pageSize = Math.max(1, size);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
