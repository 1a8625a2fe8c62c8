// An HTTP proxy on loopback in front of Azurite that misbehaves on purpose, the way a real network and
// a real storage service can: it forwards a write and then drops the response (the write landed, the
// client never hears), forwards it and answers 503 anyway, or answers 500/503 without forwarding.
// Point a connection string's TableEndpoint at `url` and every table call goes through it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StorageFault =
  /** Forward; Azurite applies the write; the client's socket is destroyed before any answer. */
  | 'dropResponse'
  /** Forward; Azurite applies the write; the client is told 503 (as a storage front end that timed out can). */
  | 'forwardThen503'
  /** Answer 500 without forwarding. */
  | 'status500'
  /** Answer 503 without forwarding. */
  | 'status503';

export interface ProxiedRequest {
  method: string;
  /** Path without the query string, e.g. /devstoreaccount1/havenOutbox(PartitionKey='x',RowKey='y'). */
  path: string;
  /** The table the request is about (from the path), when there is one. */
  table?: string;
  /** The SDK keeps this header across its own retries of one operation. */
  clientRequestId?: string;
  /** True for anything that changes data (POST, PUT, MERGE, PATCH, DELETE). */
  write: boolean;
  /** The decoded query string ($filter, $top, $select...), '' when none. */
  query: string;
  /** performance.now() when the proxy received the request. */
  startedAt: number;
}

export interface ProxiedCall extends ProxiedRequest {
  /** What the client saw: 0 when the response was dropped. */
  status: number;
  /** What Azurite answered, when the request was forwarded. */
  upstreamStatus?: number;
  fault?: StorageFault;
  /** performance.now() when the proxy answered (or dropped) it. */
  endedAt: number;
}

export interface FaultRule {
  fault: StorageFault;
  match?: (request: ProxiedRequest) => boolean;
}

export interface StorageFaultProxy {
  /** The proxied account URL (same path as Azurite's). */
  readonly url: string;
  /** A connection string whose TableEndpoint is the proxy. */
  readonly connectionString: string;
  readonly calls: ProxiedCall[];
  /** The next `n` matching requests get `fault` (matching writes only, unless `match` says otherwise). */
  failNext(n: number, rule: FaultRule): void;
  /**
   * Each matching write gets a fault picked by `pick` (undefined: none), at most `perOperation` times
   * per SDK operation (its client request id), so the SDK's own retries can eventually get through.
   */
  chaos(options: { pick: (request: ProxiedRequest) => StorageFault | undefined; perOperation?: number } | undefined): void;
  /** Calls that got a fault. */
  faulted(): ProxiedCall[];
  /** Forgets pending faults and chaos (keeps the call log). */
  clearFaults(): void;
  /** Issue 15: every forwarded call waits this long first (a storage service farther away than loopback). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'MERGE', 'PATCH', 'DELETE']);
const ACCOUNT = 'devstoreaccount1';
// The well-known development storage key published by Microsoft for the emulator; not a secret.
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function tableOf(path: string): string | undefined {
  const m = /^\/[^/]+\/([A-Za-z][A-Za-z0-9]*)(?:\(|$|\/)/.exec(path);
  return m?.[1];
}

/** `target` is Azurite's account URL, e.g. http://127.0.0.1:10002/devstoreaccount1. */
export async function startStorageFaultProxy(target: string): Promise<StorageFaultProxy> {
  const upstream = new URL(target);
  const calls: ProxiedCall[] = [];
  let rules: { remaining: number; rule: FaultRule }[] = [];
  let chaos: { pick: (request: ProxiedRequest) => StorageFault | undefined; perOperation: number } | undefined;
  const faultsPerOperation = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true });
  let latencyMs = 0;

  function decide(request: ProxiedRequest): StorageFault | undefined {
    const i = rules.findIndex((r) => r.remaining > 0 && (r.rule.match ? r.rule.match(request) : request.write));
    if (i >= 0) {
      const r = rules[i]!;
      r.remaining--;
      rules = rules.filter((x) => x.remaining > 0);
      return r.rule.fault;
    }
    if (chaos && request.write) {
      const key = request.clientRequestId ?? `${request.method} ${request.path}`;
      const used = faultsPerOperation.get(key) ?? 0;
      if (used >= chaos.perOperation) return undefined;
      const fault = chaos.pick(request);
      if (fault) faultsPerOperation.set(key, used + 1);
      return fault;
    }
    return undefined;
  }

  function forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host };
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const method = (req.method ?? 'GET').toUpperCase();
        const path = (req.url ?? '/').split('?')[0]!;
        const request: ProxiedRequest = {
          method,
          path,
          table: tableOf(path),
          clientRequestId: typeof req.headers['x-ms-client-request-id'] === 'string' ? req.headers['x-ms-client-request-id'] : undefined,
          write: WRITE_METHODS.has(method),
          query: decodeURIComponent((req.url ?? '').split('?')[1] ?? ''),
          startedAt: performance.now(),
        };
        const fault = decide(request);
        const body = Buffer.concat(chunks);
        if (fault === 'status500' || fault === 'status503') {
          const status = fault === 'status500' ? 500 : 503;
          calls.push({ ...request, status, fault, endedAt: performance.now() });
          const payload = JSON.stringify({
            'odata.error': {
              code: status === 500 ? 'InternalError' : 'ServerBusy',
              message: { lang: 'en-US', value: 'Injected by the storage fault proxy.' },
            },
          });
          res.writeHead(status, { 'content-type': 'application/json;odata=minimalmetadata', 'content-length': Buffer.byteLength(payload) });
          res.end(payload);
          return;
        }
        let answer: Awaited<ReturnType<typeof forward>>;
        try {
          if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
          answer = await forward(req, body);
        } catch {
          calls.push({ ...request, status: 0, endedAt: performance.now() });
          req.socket.destroy();
          return;
        }
        if (fault === 'dropResponse') {
          calls.push({ ...request, status: 0, upstreamStatus: answer.status, fault, endedAt: performance.now() });
          req.socket.destroy();
          return;
        }
        if (fault === 'forwardThen503') {
          calls.push({ ...request, status: 503, upstreamStatus: answer.status, fault, endedAt: performance.now() });
          const payload = JSON.stringify({
            'odata.error': {
              code: 'OperationTimedOut',
              message: { lang: 'en-US', value: 'Injected by the storage fault proxy after forwarding.' },
            },
          });
          res.writeHead(503, { 'content-type': 'application/json;odata=minimalmetadata', 'content-length': Buffer.byteLength(payload) });
          res.end(payload);
          return;
        }
        calls.push({ ...request, status: answer.status, upstreamStatus: answer.status, endedAt: performance.now() });
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        headers['content-length'] = String(answer.body.length);
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '') || `/${ACCOUNT}`}`;

  return {
    url,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${url};`,
    calls,
    failNext(n, rule) {
      if (n > 0) rules.push({ remaining: n, rule });
    },
    chaos(options) {
      chaos = options ? { pick: options.pick, perOperation: options.perOperation ?? 1 } : undefined;
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    faulted() {
      return calls.filter((c) => c.fault !== undefined);
    },
    clearFaults() {
      rules = [];
      chaos = undefined;
      faultsPerOperation.clear();
    },
    close() {
      agent.destroy();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Issue 15: a read that is not keyed to one partition (a query whose $filter does not pin PartitionKey with
 * `eq`, or no filter at all) is a table scan on Azure Table Storage, whatever the table's size today.
 */
export function isTableScan(call: ProxiedRequest): boolean {
  // A point read names its keys in the parentheses; a query's path ends in an empty pair: `/table()`.
  if (call.method !== 'GET' || !call.table || /\([^)]/.test(call.path)) return false;
  if (call.table === 'Tables') return false;
  const filter = /(?:^|&)\$filter=([^&]*)/.exec(call.query)?.[1] ?? '';
  return !/PartitionKey eq '/.test(filter);
}

/**
 * Issue 15: the number of sequential round trips in a set of calls: the longest chain of calls each of
 * which started only after the one before it had ended (calls sent together count once).
 */
export function sequentialRounds(calls: Array<{ startedAt: number; endedAt: number }>): number {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const depth: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.endedAt <= sorted[i]!.startedAt) best = Math.max(best, depth[j]!);
    depth.push(best + 1);
  }
  return Math.max(0, ...depth);
}
