// HTTP only. It never listens itself: main.ts decides where, so tests can use port 0.
import restify, { type Request, type Response } from 'restify';
import type { Logger } from 'pino';

export interface ServerDeps {
  handleMessage(req: Request, res: Response): Promise<void>;
  /** Checks that must pass for traffic to be routed here. */
  readiness(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  log: Logger;
  /** Largest accepted activity body. Teams activities are far smaller; a card payload is < 28 KB. */
  maxBodyBytes?: number;
}

export interface HavenServer {
  server: restify.Server;
  /** Stops accepting requests and waits (bounded) for in-flight turns to finish. */
  drain(timeoutMs?: number): Promise<void>;
}

/**
 * The top-level fields the Bot Framework SDK reads without checking their type. A wrong type there
 * makes it throw before any handler runs: a 500, and for serviceUrl its raw error text in the answer.
 */
function activityShapeProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.type !== 'string' || body.type === '') return 'Expected a Bot Framework activity: "type" must be a non-empty string.';
  for (const key of ['id', 'serviceUrl', 'channelId', 'replyToId', 'name', 'locale', 'text']) {
    if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string')
      return `Expected a Bot Framework activity: "${key}" must be a string.`;
  }
  for (const key of ['from', 'recipient', 'conversation', 'channelData']) {
    const v = body[key];
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v)))
      return `Expected a Bot Framework activity: "${key}" must be an object.`;
  }
  return undefined;
}

export function createServer(deps: ServerDeps): HavenServer {
  const server = restify.createServer({ name: 'haven', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  const idle: (() => void)[] = [];

  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes ?? 256 * 1024, mapParams: false, rejectUnknown: true }));

  // Errors go out as { error, message } without a stack or internals.
  server.on(
    'restifyError',
    (
      req: Request,
      res: Response,
      err: { statusCode?: number; message?: string; body?: unknown; toJSON?: unknown },
      callback: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      (err as { toJSON: () => unknown }).toJSON = () => ({
        error:
          status === 400
            ? 'bad_request'
            : status === 413
              ? 'too_large'
              : status === 415
                ? 'unsupported_media_type'
                : status >= 500
                  ? 'internal'
                  : 'error',
        message:
          status >= 500
            ? 'Haven could not handle this request.'
            : status === 400
              ? 'The request body is not valid JSON.'
              : (err.message ?? ''),
      });
      deps.log.warn({ status, path: req.path?.() }, 'request rejected');
      return callback();
    },
  );

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (draining) {
      res.send(503, { error: 'shutting_down', message: 'Haven is restarting; Teams will retry.' });
      return;
    }
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      res.send(400, { error: 'bad_request', message: 'Expected a Bot Framework activity (a JSON object).' });
      return;
    }
    const problem = activityShapeProblem(req.body as Record<string, unknown>);
    if (problem) {
      res.send(400, { error: 'bad_request', message: problem });
      return;
    }
    inFlight++;
    try {
      await deps.handleMessage(req, res);
    } catch (error) {
      deps.log.error({ err: { message: (error as Error).message } }, 'activity handling failed');
      if (!res.headersSent) res.send(500, { error: 'internal', message: 'Haven could not handle this request.' });
    } finally {
      inFlight--;
      if (inFlight === 0) idle.splice(0).forEach((f) => f());
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const r = await deps.readiness().catch((error: Error) => ({ ok: false, checks: { readiness: error.message } }));
    res.send(r.ok && !draining ? 200 : 503, { status: r.ok && !draining ? 'ready' : 'not ready', checks: r.checks });
  });

  return {
    server,
    async drain(timeoutMs = 10_000) {
      draining = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) await Promise.race([new Promise<void>((r) => idle.push(r)), new Promise((r) => setTimeout(r, timeoutMs))]);
    },
  };
}
