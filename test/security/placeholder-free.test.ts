// Security and reliability suites live in this folder (npm run test:security, part of npm test).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

describe('security suite', () => {
  it('is present', () => {
    assert.ok(readdirSync(new URL('.', import.meta.url)).some((f) => f.endsWith('.test.ts')));
  });
});
