import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorOperation =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMembers'
  | 'getConversationMember'
  | 'getConversationPagedMembers'
  | 'unknown';

/** What a request looked like on arrival, before the fake decided how to answer it. */
export interface IncomingCall {
  method: string;
  /** Path with repeated slashes collapsed and the query string removed; segments still URL-encoded. */
  path: string;
  /** req.url exactly as received. */
  rawUrl: string;
  query: URLSearchParams;
  operation: ConnectorOperation;
  /** Decoded. */
  conversationId?: string;
  /** Decoded. */
  activityId?: string;
  /** Decoded. */
  memberId?: string;
  tenantId?: string;
  /** Parsed JSON; undefined for an empty body; the raw string if it was not JSON. */
  body: unknown;
  rawBody: string;
  headers: http.IncomingHttpHeaders;
  authorization?: string;
  /** Arrival time, ms since epoch. */
  timestamp: number;
}

export interface RecordedCall extends IncomingCall {
  /** 0 when the connection was dropped on purpose. */
  status: number;
  responseBody: unknown;
  responseHeaders: Record<string, string>;
}

export interface FailSpec {
  status: number;
  retryAfterSeconds?: number;
  /** Used for the Bot Framework error body; defaults by status. */
  code?: string;
  message?: string;
  /** Replaces the whole error body; strings are sent verbatim. */
  body?: unknown;
  match?: (call: IncomingCall) => boolean;
  /** Destroy the socket instead of answering, to simulate a network failure. */
  dropConnection?: boolean;
}

export interface TeamsLimits {
  perConversationPerSecond: number;
  perTenantPerSecond: number;
}

export interface FakeMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  [key: string]: unknown;
}

export interface StoredActivity {
  conversationId: string;
  id: string;
  body: unknown;
  replyToId?: string;
  deleted: boolean;
}

export interface FakeConnector {
  /** serviceUrl for bots, with a trailing slash. */
  readonly url: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
  failNext(n: number, spec: FailSpec): void;
  blockConversation(conversationId: string, code?: string): void;
  unblockConversation(conversationId: string): void;
  setDelay(ms: number): void;
  enforceTeamsLimits(limits?: Partial<TeamsLimits>): void;
  disableTeamsLimits(): void;
  setMembers(conversationId: string, members: FakeMember[]): void;
  getActivity(conversationId: string, activityId: string): StoredActivity | undefined;
  /** Successful send/reply/update calls, in arrival order. */
  sentActivities(): RecordedCall[];
  callsTo(conversationId: string): RecordedCall[];
  waitFor(predicate: (calls: readonly RecordedCall[]) => boolean, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Forget calls, faults, blocks, delay, limits, members, conversations and activities. */
  reset(): void;
}

const DEFAULT_LIMITS: TeamsLimits = { perConversationPerSecond: 7, perTenantPerSecond: 50 };
const RATE_WINDOW_MS = 1000;
const DEFAULT_TENANT = '__default__';

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadArgument',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'MessageSizeTooBig',
  429: 'Throttled',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const KNOWN_MESSAGES: Record<string, string> = {
  ConversationBlockedByUser: 'User blocked the conversation with the bot.',
  BotNotInConversationRoster: 'The bot is not part of the conversation roster.',
  MemberNotFoundInConversation: 'Member not found in conversation.',
  Throttled: 'Too many requests.',
};

const ACTIVITY_WRITES: ReadonlySet<ConnectorOperation> = new Set<ConnectorOperation>([
  'sendToConversation',
  'replyToActivity',
  'updateActivity',
  'deleteActivity',
]);

const RATE_LIMITED: ReadonlySet<ConnectorOperation> = new Set<ConnectorOperation>(['createConversation', ...ACTIVITY_WRITES]);

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
}

interface Route {
  operation: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
}

interface PendingFault {
  remaining: number;
  spec: FailSpec;
}

function errorBody(status: number, code?: string, message?: string): unknown {
  const c = code ?? DEFAULT_CODES[status] ?? 'ServiceError';
  return { error: { code: c, message: message ?? KNOWN_MESSAGES[c] ?? `Fake connector answered ${status}.` } };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function stringAt(v: unknown, ...keys: string[]): string | undefined {
  let cur: unknown = v;
  for (const k of keys) {
    const rec = asRecord(cur);
    if (!rec) return undefined;
    cur = rec[k];
  }
  return typeof cur === 'string' ? cur : undefined;
}

function tenantFromBody(body: unknown): string | undefined {
  return stringAt(body, 'tenantId') ?? stringAt(body, 'conversation', 'tenantId') ?? stringAt(body, 'channelData', 'tenant', 'id');
}

function route(method: string, segments: string[]): Route {
  const [v3, conversations, conversationId, sub, subId, ...rest] = segments;
  if (v3 !== 'v3' || conversations !== 'conversations' || rest.length > 0) return { operation: 'unknown' };
  if (conversationId === undefined) {
    return method === 'POST' ? { operation: 'createConversation' } : { operation: 'unknown' };
  }
  if (sub === 'activities') {
    if (subId === undefined) {
      return method === 'POST' ? { operation: 'sendToConversation', conversationId } : { operation: 'unknown' };
    }
    const op: ConnectorOperation | undefined =
      method === 'POST' ? 'replyToActivity' : method === 'PUT' ? 'updateActivity' : method === 'DELETE' ? 'deleteActivity' : undefined;
    return op ? { operation: op, conversationId, activityId: subId } : { operation: 'unknown' };
  }
  if (method === 'GET' && sub === 'members') {
    return subId === undefined
      ? { operation: 'getConversationMembers', conversationId }
      : { operation: 'getConversationMember', conversationId, memberId: subId };
  }
  if (method === 'GET' && sub === 'pagedmembers' && subId === undefined) {
    return { operation: 'getConversationPagedMembers', conversationId };
  }
  return { operation: 'unknown' };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: RecordedCall[] = [];
  let faults: PendingFault[] = [];
  const blocked = new Map<string, string>();
  let delayMs = 0;
  let limits: TeamsLimits | undefined;
  const convWindow = new Map<string, number[]>();
  const tenantWindow = new Map<string, number[]>();
  const members = new Map<string, FakeMember[]>();
  const oneToOne = new Map<string, string>();
  const conversationTenant = new Map<string, string>();
  const activities = new Map<string, StoredActivity>();
  const listeners = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();
  // Counters survive reset() so ids from before a reset can never be confused with later ones.
  let conversationCounter = 0;
  let activityCounter = 0;

  const activityKey = (c: string, a: string) => `${c}\u0000${a}`;
  const nextActivityId = () => `fake-activity-${++activityCounter}`;

  function pruneAndCount(map: Map<string, number[]>, key: string, now: number): number[] {
    const arr = (map.get(key) ?? []).filter((t) => now - t < RATE_WINDOW_MS);
    map.set(key, arr);
    return arr;
  }

  function rateLimit(call: IncomingCall): Answer | undefined {
    if (!limits || !RATE_LIMITED.has(call.operation)) return undefined;
    const now = call.timestamp;
    const tenant = call.tenantId ?? DEFAULT_TENANT;
    const t = pruneAndCount(tenantWindow, tenant, now);
    const c = call.conversationId !== undefined ? pruneAndCount(convWindow, call.conversationId, now) : undefined;
    if (t.length >= limits.perTenantPerSecond || (c && c.length >= limits.perConversationPerSecond)) {
      return { status: 429, body: errorBody(429), headers: { 'retry-after': '1' } };
    }
    // Only accepted requests occupy the window, so a client that backs off for Retry-After recovers.
    t.push(now);
    c?.push(now);
    return undefined;
  }

  function handle(call: IncomingCall): Answer {
    const { operation, conversationId, activityId, memberId, body } = call;
    switch (operation) {
      case 'createConversation': {
        const rec = asRecord(body);
        const list = Array.isArray(rec?.members) ? (rec.members as unknown[]) : [];
        const memberList = list.filter((m): m is FakeMember => typeof asRecord(m)?.id === 'string');
        const single = memberList.length === 1 && rec?.isGroup !== true ? memberList[0] : undefined;
        let id = single ? oneToOne.get(single.id) : undefined;
        if (id === undefined) {
          id = `a:fake-${++conversationCounter}`;
          if (single) oneToOne.set(single.id, id);
        }
        if (!members.has(id)) members.set(id, memberList);
        if (call.tenantId !== undefined) conversationTenant.set(id, call.tenantId);
        const response: { id: string; activityId?: string } = { id };
        if (rec?.activity !== undefined && rec.activity !== null) {
          const aid = nextActivityId();
          activities.set(activityKey(id, aid), { conversationId: id, id: aid, body: rec.activity, deleted: false });
          response.activityId = aid;
        }
        return { status: 200, body: response };
      }
      case 'sendToConversation':
      case 'replyToActivity': {
        const id = nextActivityId();
        const stored: StoredActivity = { conversationId: conversationId!, id, body, deleted: false };
        if (operation === 'replyToActivity') stored.replyToId = activityId!;
        activities.set(activityKey(conversationId!, id), stored);
        return { status: 200, body: { id } };
      }
      case 'updateActivity': {
        const key = activityKey(conversationId!, activityId!);
        const prev = activities.get(key);
        activities.set(key, { ...prev, conversationId: conversationId!, id: activityId!, body, deleted: false });
        return { status: 200, body: { id: activityId } };
      }
      case 'deleteActivity': {
        const prev = activities.get(activityKey(conversationId!, activityId!));
        if (prev) prev.deleted = true;
        return { status: 200 };
      }
      case 'getConversationMembers':
        return { status: 200, body: members.get(conversationId!) ?? [] };
      case 'getConversationPagedMembers':
        return { status: 200, body: { members: members.get(conversationId!) ?? [] } };
      case 'getConversationMember': {
        const m = (members.get(conversationId!) ?? []).find((x) => x.id === memberId);
        return m ? { status: 200, body: m } : { status: 404, body: errorBody(404, 'MemberNotFoundInConversation') };
      }
      case 'unknown':
        return { status: 404, body: errorBody(404, 'NotFound', `No fake connector route for ${call.method} ${call.path}`) };
    }
  }

  function decide(call: IncomingCall): Answer {
    if (call.operation === 'unknown') return handle(call);
    const fault = faults.find((f) => f.remaining > 0 && (f.spec.match ? f.spec.match(call) : true));
    if (fault) {
      fault.remaining--;
      faults = faults.filter((f) => f.remaining > 0);
      const { spec } = fault;
      const headers: Record<string, string> = {};
      if (spec.retryAfterSeconds !== undefined) headers['retry-after'] = String(spec.retryAfterSeconds);
      return {
        status: spec.status,
        body: spec.body !== undefined ? spec.body : errorBody(spec.status, spec.code, spec.message),
        headers,
        drop: spec.dropConnection === true,
      };
    }
    if (call.conversationId !== undefined && ACTIVITY_WRITES.has(call.operation)) {
      const code = blocked.get(call.conversationId);
      if (code !== undefined) return { status: 403, body: errorBody(403, code) };
    }
    return rateLimit(call) ?? handle(call);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  function record(call: RecordedCall): void {
    calls.push(call);
    for (const l of [...listeners]) l();
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const timestamp = Date.now();
    const rawUrl = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const q = rawUrl.indexOf('?');
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
    // Split before decoding so an encoded '/' inside a conversation id stays inside its segment;
    // dropping empty segments tolerates the '//' a serviceUrl with a trailing slash produces.
    const encodedSegments = rawPath.split('/').filter((s) => s !== '');
    const path = '/' + encodedSegments.join('/');
    const rawBody = await readBody(req);

    let body: unknown;
    let bodyIsJson = true;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
        bodyIsJson = false;
      }
    }

    let segments: string[] | undefined;
    try {
      segments = encodedSegments.map((s) => decodeURIComponent(s));
    } catch {
      segments = undefined;
    }
    const r: Route = segments ? route(method, segments) : { operation: 'unknown' };
    const authorization = req.headers.authorization;
    const call: IncomingCall = {
      method,
      path,
      rawUrl,
      query,
      operation: r.operation,
      body,
      rawBody,
      headers: { ...req.headers },
      timestamp,
    };
    if (r.conversationId !== undefined) call.conversationId = r.conversationId;
    if (r.activityId !== undefined) call.activityId = r.activityId;
    if (r.memberId !== undefined) call.memberId = r.memberId;
    if (authorization !== undefined) call.authorization = authorization;
    const tenant = tenantFromBody(body) ?? (r.conversationId !== undefined ? conversationTenant.get(r.conversationId) : undefined);
    if (tenant !== undefined) call.tenantId = tenant;

    const answer: Answer = !segments
      ? { status: 400, body: errorBody(400, 'BadSyntax', 'Malformed percent-encoding in path.') }
      : !bodyIsJson
        ? { status: 400, body: errorBody(400, 'BadSyntax', 'Request body is not valid JSON.') }
        : decide(call);

    if (delayMs > 0) await sleep(delayMs);

    const responseHeaders: Record<string, string> = { ...answer.headers };
    if (answer.drop) {
      record({ ...call, status: 0, responseBody: undefined, responseHeaders });
      req.socket.destroy();
      return;
    }
    let payload = '';
    if (answer.body !== undefined) {
      payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      responseHeaders['content-type'] = 'application/json; charset=utf-8';
    }
    record({ ...call, status: answer.status, responseBody: answer.body, responseHeaders });
    if (!res.destroyed) {
      res.writeHead(answer.status, responseHeaders);
      res.end(payload);
    }
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(errorBody(500, 'InternalServerError', String(err))));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeConnector = {
    url: `http://127.0.0.1:${port}/`,
    calls,

    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets from global fetch would otherwise hold close() open.
        server.closeAllConnections();
      });
    },

    failNext(n, spec) {
      if (n > 0) faults.push({ remaining: n, spec });
    },

    blockConversation(conversationId, code = 'ConversationBlockedByUser') {
      blocked.set(conversationId, code);
    },

    unblockConversation(conversationId) {
      blocked.delete(conversationId);
    },

    setDelay(ms) {
      delayMs = Math.max(0, ms);
    },

    enforceTeamsLimits(l = {}) {
      limits = { ...DEFAULT_LIMITS, ...l };
      convWindow.clear();
      tenantWindow.clear();
    },

    disableTeamsLimits() {
      limits = undefined;
    },

    setMembers(conversationId, list) {
      members.set(conversationId, list);
    },

    getActivity(conversationId, activityId) {
      return activities.get(activityKey(conversationId, activityId));
    },

    sentActivities() {
      return calls.filter(
        (c) =>
          (c.operation === 'sendToConversation' || c.operation === 'replyToActivity' || c.operation === 'updateActivity') &&
          c.status >= 200 &&
          c.status < 300,
      );
    },

    callsTo(conversationId) {
      return calls.filter((c) => c.conversationId === conversationId);
    },

    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<RecordedCall[]>((resolve, reject) => {
        const check = (): void => {
          let done: boolean;
          try {
            done = predicate(calls);
          } catch (err) {
            finish();
            reject(err);
            return;
          }
          if (!done) return;
          finish();
          resolve([...calls]);
        };
        const finish = (): void => {
          listeners.delete(check);
          clearTimeout(timer);
          clearInterval(poll);
        };
        // Checking on every recorded call is the fast path; the poll covers predicates that also read outside state.
        const poll = setInterval(check, 20);
        const timer = setTimeout(() => {
          finish();
          const seen = calls.map((c) => `  ${c.method} ${c.path} -> ${c.status}`).join('\n') || '  (none)';
          reject(new Error(`fake connector: waitFor timed out after ${timeoutMs}ms; calls so far:\n${seen}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },

    reset() {
      calls.length = 0;
      faults = [];
      blocked.clear();
      delayMs = 0;
      limits = undefined;
      convWindow.clear();
      tenantWindow.clear();
      members.clear();
      oneToOne.clear();
      conversationTenant.clear();
      activities.clear();
    },
  };
  return fake;
}
