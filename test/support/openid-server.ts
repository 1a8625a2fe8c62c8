// A local stand-in for the Bot Framework's OpenID metadata and signing keys, on loopback, plus a
// minter for tokens shaped like the ones the Teams channel sends. Production Haven validates inbound
// tokens against https://login.botframework.com/v1/.well-known/openidconfiguration; tests point that
// same validation at this server (StartOptions.botAuth) so every rule runs for real, offline.
//
// What botframework-connector checks for a channel token (ParameterizedBotFrameworkAuthentication,
// JwtTokenExtractor): scheme "Bearer"; iss is the channel issuer; a key with the header's kid in the
// JWKS; an RS256/384/512 signature by that key; not expired (5 minutes' tolerance); the key's
// `endorsements` include the activity's channelId ("msteams"); aud is the bot's app id; the
// `serviceurl` claim equals activity.serviceUrl.
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, base64url, exportJWK, generateKeyPair, type JWK } from 'jose';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** An RSA key with its kid; only keys passed to `publish` appear in the JWKS. */
export interface TestKey {
  kid: string;
  privateKey: SigningKey;
  jwk: JWK;
}

export async function generateTestKey(kid = `test-${randomUUID()}`, endorsements?: string[]): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK & { endorsements?: string[] } = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  if (endorsements) jwk.endorsements = endorsements;
  return { kid, privateKey, jwk };
}

export interface MintOptions {
  /** Sign with this key instead of the published one (e.g. a key nobody published). */
  key?: TestKey;
  /** The kid in the header; defaults to the signing key's. */
  kid?: string | null;
  /** 'none' makes an unsigned token; 'HS256' an HMAC token (with `hmacSecret`, default the published key's modulus). */
  alg?: 'RS256' | 'HS256' | 'none';
  hmacSecret?: string | Uint8Array;
  /** Seconds from now; negative for the past. Default 3600. */
  expiresIn?: number;
  /** Seconds from now for iat/nbf; default -60. */
  issuedAt?: number;
  /** Leave out exp altogether. */
  noExpiry?: boolean;
}

export interface OpenIdServer {
  /** The metadata URL: http://127.0.0.1:PORT/.well-known/openid-configuration */
  readonly metadataUrl: string;
  readonly jwksUrl: string;
  readonly issuer: string;
  /** The key tokens are signed with unless told otherwise (published, endorsed for msteams). */
  readonly key: TestKey;
  /** Replaces the published key set (e.g. to add a key with other endorsements). */
  publish(keys: TestKey[]): void;
  /** How many times each path was fetched. */
  readonly hits: Record<string, number>;
  /** A signed JWT with exactly these claims (plus iat/nbf/exp unless told otherwise). */
  mint(claims: Record<string, unknown>, options?: MintOptions): Promise<string>;
  /** The claims a Teams channel token carries, for this bot and serviceUrl. */
  channelClaims(appId: string, serviceUrl: string): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startOpenIdServer(options: { issuer?: string; endorsements?: string[]; kid?: string } = {}): Promise<OpenIdServer> {
  const issuer = options.issuer ?? BOT_FRAMEWORK_ISSUER;
  const key = await generateTestKey(options.kid ?? `haven-test-${randomUUID().slice(0, 8)}`, options.endorsements ?? ['msteams']);
  let published: TestKey[] = [key];
  const hits: Record<string, number> = {};

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits[path] = (hits[path] ?? 0) + 1;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
    if (path === '/.well-known/openid-configuration') {
      return send(200, {
        issuer,
        authorization_endpoint: `${base}/authorize`,
        jwks_uri: `${base}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === '/keys') return send(200, { keys: published.map((k) => k.jwk) });
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function mint(claims: Record<string, unknown>, o: MintOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const timing: Record<string, number> = { iat: now + (o.issuedAt ?? -60), nbf: now + (o.issuedAt ?? -60) };
    if (!o.noExpiry) timing.exp = now + (o.expiresIn ?? 3600);
    const payload = { ...timing, ...claims };
    const signer = o.key ?? key;
    const kid = o.kid === null ? undefined : (o.kid ?? signer.kid);
    const alg = o.alg ?? 'RS256';
    if (alg === 'none' || alg === 'HS256') {
      const header = { alg, typ: 'JWT', ...(kid ? { kid } : {}) };
      const encode = (x: unknown) => base64url.encode(JSON.stringify(x));
      const signingInput = `${encode(header)}.${encode(payload)}`;
      if (alg === 'none') return `${signingInput}.`;
      // The classic confusion attack uses the public key itself as the HMAC secret.
      const secret = o.hmacSecret ?? String(signer.jwk.n);
      return `${signingInput}.${base64url.encode(createHmac('sha256', secret).update(signingInput).digest())}`;
    }
    return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) }).sign(signer.privateKey);
  }

  return {
    metadataUrl: `${base}/.well-known/openid-configuration`,
    jwksUrl: `${base}/keys`,
    issuer,
    key,
    hits,
    publish(keys) {
      published = [...keys];
    },
    mint,
    channelClaims(appId, serviceUrl) {
      return { iss: issuer, aud: appId, serviceurl: serviceUrl };
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
