// One real Parley server and one Chromium for the tests of a file: started before the first
// test, stopped after the last. Read them as `env.server` and `env.browser` inside tests.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startParley } from './parley-server.mjs';

export function serverAndBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startParley();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
