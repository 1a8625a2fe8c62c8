// A loopback stand-in for Microsoft Graph's group membership endpoint, recording every request.
// DELETE /v1.0/groups/{group}/members/{directory object id}/$ref answers 204 (as Graph does), or the
// failure the test configured; anything else answers 404 with Graph's error shape.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  /** Path as received (still URL-encoded), without the query string. */
  path: string;
  authorization?: string;
  /** Decoded, for a membership removal. */
  groupId?: string;
  /** Decoded directory object id, for a membership removal. */
  memberId?: string;
  status: number;
}

export interface FakeGraph {
  /** Base URL for HAVEN_GRAPH_URL (no trailing slash). */
  readonly url: string;
  readonly requests: GraphRequest[];
  /** Answer every later removal with this status (e.g. 500, 403); undefined restores 204. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

const REMOVE = /^\/v1\.0\/groups\/([^/]+)\/members\/([^/]+)\/\$ref$/;

export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  let failure: number | undefined;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const m = req.method === 'DELETE' ? REMOVE.exec(path) : null;
      const status = m ? (failure ?? 204) : 404;
      requests.push({
        method: req.method ?? 'GET',
        path,
        authorization: req.headers.authorization,
        status,
        ...(m ? { groupId: decodeURIComponent(m[1]!), memberId: decodeURIComponent(m[2]!) } : {}),
      });
      if (status === 204) {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: status === 404 ? 'Request_ResourceNotFound' : 'generalException', message: `Fake Graph answered ${status}.` },
        }),
      );
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
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
