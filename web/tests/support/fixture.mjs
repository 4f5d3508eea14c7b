// One real Parley server and one Chromium for the tests of a file: started before the first
// test, stopped after the last. Read them as `env.server` and `env.browser` inside tests.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startParley } from './parley-server.mjs';

/** `serverEnv`: extra settings for the server (environment variables), for a file that needs them. */
export function serverAndBrowser({ serverEnv = {} } = {}) {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startParley({ env: serverEnv });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
