// Debian's Chromium, driven by playwright-core, the one way every browser test starts it: headless,
// nothing fetched from the network (no component updates, sync or QUIC), a throwaway profile.
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's package (`apt-get install chromium`); never a browser downloaded by a tool. */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A headless Chromium with its profile in `userDataDir` (the caller removes it). */
export function launchChromium(userDataDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
}
