// Debian's Chromium as every browser test drives it: headless, no sandbox (CI runs as root), no GPU,
// and nothing of its own on the network (no updates, sync or background fetches). Never a downloaded build.
import { chromium, type Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
