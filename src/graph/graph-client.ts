// The one Microsoft Graph client Haven uses (@microsoft/microsoft-graph-client), for the directory, app
// installation and the grading-access group.
// - Middleware chain: RetryHandler (the library's: 429/503/504, honouring Retry-After, bounded) → bearer
//   token (only to the configured Graph host) → a per-attempt timeout → HTTPMessageHandler (fetch).
//   The library's own AuthenticationHandler only signs https Graph hosts, so a loopback fake server
//   (http://127.0.0.1:port, local mode and tests) would never see a token; ours signs the configured host
//   whatever its scheme, and nothing else.
// - A Retry-After longer than `maxWaitSeconds` is not waited for inside the call: the error surfaces with
//   its status and Retry-After, and the caller decides (the viewing-access job schedules its own retry).
// - Paging goes through the library's PageIterator. Its next-page request is built with Client.api(), which
//   only understands absolute https links; a loopback nextLink is turned into a path of the configured
//   host first (pagePath), everything else is left to the library.
// - Every failure after the retries becomes GraphUnavailable(status, message) where the message holds the
//   status and Graph's error code only — never Graph's message, which can name a user.
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  PageIterator,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { GraphUnavailable } from '../kernel/ports.ts';

// RetryHandlerOptions' own limits (private statics in 3.0.7): longest delay 180 s, at most 10 retries.
const LIBRARY_MAX_DELAY = 180;
const LIBRARY_MAX_RETRIES = 10;

export type TokenProvider = () => Promise<string>;

const TOKEN_UNAVAILABLE = 'GraphTokenUnavailable';

export interface GraphClientOptions {
  /** HAVEN_GRAPH_URL, without trailing slash: https://graph.microsoft.com, or http://127.0.0.1:port (local, tests). */
  baseUrl: string;
  /** Bearer tokens for the configured host; undefined sends none (a loopback fake in local mode). */
  token?: TokenProvider;
  /** Retries after a 429/503/504 (library maximum 10). Default 4. */
  maxRetries?: number;
  /** Longest Retry-After (seconds) waited inside a call; a longer one surfaces as the error. Default 60, at most 180. */
  maxWaitSeconds?: number;
  /** Base delay (seconds) between retries when Graph gives no Retry-After. Default 2. */
  retryDelaySeconds?: number;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
}

export interface HavenGraphClient {
  readonly client: Client;
  readonly baseUrl: string;
  /** Every item of a collection, every page (PageIterator), e.g. '/groups/{id}/transitiveMembers/microsoft.graph.user?$select=id'. */
  listAll<T>(path: string): Promise<T[]>;
}

/** Seconds from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterFrom(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header === null || header === undefined || header === '') return undefined;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** A Graph failure after the client's retries, with what a caller may decide on (never Graph's free text). */
export class GraphCallFailed extends GraphUnavailable {
  constructor(
    status: number | undefined,
    readonly code: string | undefined,
    /** Seconds, from Retry-After, when Graph asked to be called again later. */
    readonly retryAfterSeconds: number | undefined,
    message?: string,
  ) {
    super(
      status,
      message ??
        (status === undefined ? 'no answer from Microsoft Graph' : `Microsoft Graph answered ${status}${code ? ` (${code})` : ''}`),
    );
    this.name = 'GraphUnavailable';
  }
}

/** Turns anything the client threw into GraphCallFailed (status, Graph error code, Retry-After). */
export function graphFailure(error: unknown): GraphCallFailed {
  if (error instanceof GraphCallFailed) return error;
  if (error instanceof GraphError && error.code === TOKEN_UNAVAILABLE)
    return new GraphCallFailed(undefined, undefined, undefined, "no token for Microsoft Graph (Haven's identity could not sign in)");
  if (error instanceof GraphError) {
    const status = error.statusCode > 0 ? error.statusCode : undefined;
    const code = typeof error.code === 'string' && /^[A-Za-z0-9_.]{1,80}$/.test(error.code) ? error.code : undefined;
    return new GraphCallFailed(status, status === undefined ? undefined : code, retryAfterFrom(error.headers?.get('retry-after')));
  }
  return new GraphCallFailed(undefined, undefined, undefined);
}

/** The raw Graph error text (for matching a known answer such as "already exist"); never log it. */
export function graphErrorText(error: unknown): string {
  if (error instanceof GraphError) return `${error.message} ${typeof error.body === 'string' ? error.body : ''}`;
  return '';
}

class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly origin: string,
    private readonly token: TokenProvider | undefined,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as HeadersInit | undefined);
    headers.delete('authorization');
    // Only the configured Graph host ever sees the token (a nextLink could name another).
    if (this.token && new URL(url).origin === this.origin) {
      let token: string;
      try {
        token = await this.token();
      } catch {
        // The credential's own message can name the tenant or the identity: only the kind is kept.
        const error = new Error('no token for Microsoft Graph');
        error.name = TOKEN_UNAVAILABLE;
        throw error;
      }
      headers.set('authorization', `Bearer ${token}`);
    }
    options.headers = headers;
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

class AttemptTimeout implements Middleware {
  private next?: Middleware;
  constructor(private readonly ms: number) {}
  async execute(context: Context): Promise<void> {
    (context.options ??= {}).signal = AbortSignal.timeout(this.ms);
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphClient(options: GraphClientOptions): HavenGraphClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  const maxWait = Math.min(options.maxWaitSeconds ?? 60, LIBRARY_MAX_DELAY);
  const retryOptions = new RetryHandlerOptions(
    options.retryDelaySeconds ?? 2,
    Math.min(options.maxRetries ?? 4, LIBRARY_MAX_RETRIES),
    // Wait for a Retry-After only when it is within bounds; otherwise the caller sees the 429/503 now.
    (_delay, _attempt, _request, _options, response) => {
      const after = retryAfterFrom((response as Response | undefined)?.headers?.get('retry-after'));
      return after === undefined || after <= maxWait;
    },
  );
  // RetryHandler copies its options' own properties onto a fresh RetryHandlerOptions per call, so the cap
  // is an own property rather than a subclass method.
  Object.assign(retryOptions, { getMaxDelay: () => maxWait });
  const chain: Middleware[] = [
    new RetryHandler(retryOptions),
    new BearerToken(origin, options.token),
    new AttemptTimeout(options.timeoutMs ?? 15_000),
    new HTTPMessageHandler(),
  ];
  const client = Client.initWithMiddleware({ baseUrl, defaultVersion: 'v1.0', middleware: chain });

  // Client.api() parses only https absolute links; a nextLink on our (http loopback) host becomes a path.
  const pagePath = (link: string) => {
    if (!link.startsWith(`${baseUrl}/`)) return link;
    return link.slice(baseUrl.length).replace(/^\/v1\.0(?=\/)/, '');
  };
  const pagingClient = { api: (path: string) => client.api(pagePath(path)) } as unknown as Client;

  return {
    client,
    baseUrl,
    async listAll<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      try {
        const first = (await client.api(path).get()) as PageCollection;
        const iterator = new PageIterator(pagingClient, first, (item: T) => {
          items.push(item);
          return true;
        });
        await iterator.iterate();
      } catch (error) {
        throw graphFailure(error);
      }
      return items;
    },
  };
}
