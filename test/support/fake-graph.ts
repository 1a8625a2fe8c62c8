// A loopback stand-in for Microsoft Graph's group membership endpoints, recording every request.
// - DELETE /v1.0/groups/{group}/members/{directory object id}/$ref answers 204 (as Graph does), or the
//   failure the test configured (failWith).
// - POST /v1.0/groups/{group}/members/$ref with {"@odata.id": ".../directoryObjects/{id}"} adds the
//   member and answers 204; a member already in the group gets Graph's 400 ("One or more added object
//   references already exist…"); answers scripted with answerAddsWith come first (e.g. 429 with a
//   Retry-After, 500).
// Anything else answers 404 with Graph's error shape.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  /** Path as received (still URL-encoded), without the query string. */
  path: string;
  authorization?: string;
  /** Decoded, for a membership removal or addition. */
  groupId?: string;
  /** Decoded directory object id, for a membership removal, or read from the body of an addition. */
  memberId?: string;
  /** The body of an addition, parsed. */
  body?: unknown;
  status: number;
}

/** A scripted answer to the next membership addition. */
export interface AddAnswer {
  status: number;
  /** Retry-After header, in seconds (for a 429 or 503). */
  retryAfter?: number;
}

export interface FakeGraph {
  /** Base URL for HAVEN_GRAPH_URL (no trailing slash). */
  readonly url: string;
  readonly requests: GraphRequest[];
  /** Answer every later removal with this status (e.g. 500, 403); undefined restores 204. */
  failWith(status: number | undefined): void;
  /** Answer the next additions with these, in order; after them, additions succeed again. */
  answerAddsWith(...answers: AddAnswer[]): void;
  /** Who is in the group now, as far as this fake knows (additions it accepted, less removals). */
  members(groupId: string): string[];
  /** Puts someone in the group as if added elsewhere (an addition of them then answers "already exist"). */
  seedMember(groupId: string, memberId: string): void;
  close(): Promise<void>;
}

const REMOVE = /^\/v1\.0\/groups\/([^/]+)\/members\/([^/]+)\/\$ref$/;
const ADD = /^\/v1\.0\/groups\/([^/]+)\/members\/\$ref$/;
const DIRECTORY_OBJECT = /^https:\/\/graph\.microsoft\.com\/v1\.0\/directoryObjects\/([^/]+)$/;

function graphError(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const groups = new Map<string, Set<string>>();
  const group = (id: string) => groups.get(id) ?? groups.set(id, new Set()).get(id)!;
  let failure: number | undefined;
  const scripted: AddAnswer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const record = (r: Omit<GraphRequest, 'method' | 'path' | 'authorization'>) =>
        requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization, ...r });
      const removal = req.method === 'DELETE' ? REMOVE.exec(path) : null;
      if (removal) {
        const groupId = decodeURIComponent(removal[1]!);
        const memberId = decodeURIComponent(removal[2]!);
        const status = failure ?? 204;
        record({ status, groupId, memberId });
        if (status !== 204) return graphError(res, status, 'generalException', `Fake Graph answered ${status}.`);
        group(groupId).delete(memberId);
        res.writeHead(204);
        return res.end();
      }
      const addition = req.method === 'POST' ? ADD.exec(path) : null;
      if (addition) {
        const groupId = decodeURIComponent(addition[1]!);
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        const ref = (body as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
        const m = typeof ref === 'string' ? DIRECTORY_OBJECT.exec(ref) : null;
        const memberId = m ? decodeURIComponent(m[1]!) : undefined;
        const next = scripted.shift();
        if (next) {
          record({ status: next.status, groupId, memberId, body });
          return graphError(
            res,
            next.status,
            next.status === 429 ? 'TooManyRequests' : 'generalException',
            `Fake Graph answered ${next.status}.`,
            next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {},
          );
        }
        if (!memberId) {
          record({ status: 400, groupId, body });
          return graphError(res, 400, 'Request_BadRequest', 'Invalid object identifier.');
        }
        if (group(groupId).has(memberId)) {
          record({ status: 400, groupId, memberId, body });
          return graphError(
            res,
            400,
            'Request_BadRequest',
            "One or more added object references already exist for the following modified properties: 'members'.",
          );
        }
        group(groupId).add(memberId);
        record({ status: 204, groupId, memberId, body });
        res.writeHead(204);
        return res.end();
      }
      record({ status: 404 });
      graphError(res, 404, 'Request_ResourceNotFound', 'Fake Graph answered 404.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failWith(status) {
      failure = status;
    },
    answerAddsWith(...answers) {
      scripted.push(...answers);
    },
    members(groupId) {
      return [...(groups.get(groupId) ?? [])];
    },
    seedMember(groupId, memberId) {
      group(groupId).add(memberId);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
