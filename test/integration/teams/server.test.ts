import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../../src/logging.ts';
import { createServer } from '../../../src/server.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';

describe('HTTP server', () => {
  describe('health and readiness of a running Haven', () => {
    let t: TestHaven;
    before(async () => {
      t = await startTestHaven();
    });
    after(async () => t.close());

    it('answers /healthz and /readyz (storage reachable)', async () => {
      const health = await fetch(`${t.haven.url}/healthz`);
      assert.equal(health.status, 200);
      const ready = await fetch(`${t.haven.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal((await ready.json()).checks.storage, 'ok');
    });

    it('logs one line per activity with correlation ids and no names or text', async () => {
      await t.post({
        type: 'message',
        id: 'corr-123',
        text: 'my secret words',
        from: { id: '29:x', name: 'Secret Name' },
        conversation: { id: 'a:1', conversationType: 'personal' },
        serviceUrl: t.connector.url,
        channelId: 'msteams',
        recipient: { id: '28:b' },
      });
      const line = t.logs.find((l) => l.msg === 'activity handled' && l.activityId === 'corr-123');
      assert.ok(line);
      assert.equal(line.activityType, 'message');
      const all = JSON.stringify(t.logs);
      assert.doesNotMatch(all, /my secret words|Secret Name/);
    });
  });

  describe('readiness and graceful shutdown', () => {
    it('reports not ready when storage fails, and drains an in-flight turn before closing', async () => {
      let release: () => void = () => undefined;
      let storageUp = true;
      const http = createServer({
        log: createLogger('silent'),
        async handleMessage(_req, res) {
          await new Promise<void>((r) => (release = r));
          res.send(200, { ok: true });
        },
        async readiness() {
          return { ok: storageUp, checks: { storage: storageUp ? 'ok' : 'unreachable' } };
        },
      });
      await new Promise<void>((r) => http.server.listen(0, '127.0.0.1', () => r()));
      const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      storageUp = false;
      assert.equal((await fetch(`${url}/readyz`)).status, 503);

      const inFlight = fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type":"message"}',
      });
      await new Promise((r) => setTimeout(r, 100));
      const drained = http.drain(5000);
      await new Promise((r) => setTimeout(r, 100));
      release();
      const r = await inFlight;
      assert.equal(r.status, 200, 'the in-flight turn finished');
      await drained;
      await assert.rejects(fetch(`${url}/healthz`), 'no new requests after drain');
    });
  });
});
