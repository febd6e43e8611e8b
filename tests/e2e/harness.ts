/**
 * Starting Debian's Chromium for the end-to-end tests, in one place. The flags
 * matter on our machines: without the background-networking ones Chromium keeps
 * trying to reach Google's hosts through a closed network, and each test run
 * gets a fresh profile so no state leaks between tests. Never downloads a browser.
 */
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}
