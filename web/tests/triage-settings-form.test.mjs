// The Triage settings form's per-account fields against the real server: the newer account keys (forward through an
// SMTP relay with a secret password, review folder, categories, IDLE and timeouts, special folders, notifications,
// a webhook's events, the account's own attachment settings) saved through the form and shown again after a reload,
// keys the form has no field for kept, secrets never echoed, and the server's validation errors shown at their fields.
// No Dovecot: the account points at a closed port (the watcher keeps retrying; the settings do not care).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { apiLogin } from './support/api.mjs';
import { launchBrowser, openPage, signIn } from './support/browser.mjs';
import { adminPassword, adminUsername, startParley } from './support/parley-server.mjs';
import { freePort, triageCall } from './support/triage.mjs';

const env = { server: undefined, browser: undefined, token: undefined };
const account = 'acme';

before(async () => {
  const config = path.join(tmpdir(), `parley-web-triage-form-${process.pid}-${Date.now()}.yaml`);
  await writeFile(
    config,
    `triage:
  llm_providers:
    - name: local
      api_url: http://127.0.0.1:9/v1/chat/completions
      default_model: m
  rules:
    - name: invoices
      conditions:
        - { field: subject, op: contains, value: invoice }
      actions:
        - { type: move, folder: Receipts }
  accounts:
    - name: ${account}
      imap:
        host: 127.0.0.1
        port: ${await freePort()}
        tls: insecure
        username: me@acme.example
        password: imap-password-never-shown
      folders:
        allowed: [Receipts, Review]
      webhooks:
        - url: https://hooks.acme.example/triage
          events: [error]
          secret: webhook-secret-never-shown
          headers:
            X-Team: blue
`,
  );
  env.server = await startParley({ env: { PARLEY_CONFIG: config } });
  env.browser = await launchBrowser();
  env.token = (await apiLogin(env.server.url, adminUsername, adminPassword)).access_token;
});

after(async () => {
  await env.browser?.close();
  await env.server?.stop();
});

const settings = async () => (await triageCall(env.server.url, env.token, 'GET', '/api/triage/settings')).settings;

async function settingsPage() {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);
  await page.goto('/triage/settings');
  const section = page.locator(`[data-testid="triage-account-settings"][data-account="${account}"]`);
  await section.waitFor();
  return { page, section, field: (key) => section.locator(`[name="accounts.0.${key}"]`) };
}

test('The account keys saved through the form are in force, shown again after a reload, and keys without a field are kept', async () => {
  const { page, section, field } = await settingsPage();
  assert.doesNotMatch(await page.content(), /never-shown/, 'no secret reaches the page');

  await field('review_folder').fill('Review');
  await field('categories').fill('work, personal,  invoices');
  await field('private_senders').fill('boss@acme.example, @bank.example');
  await field('notifications.users').fill('admin');
  await section.locator('[name="accounts.0.notifications.events:dead_letter"]').check();

  // Advanced starts collapsed.
  const advanced = section.getByTestId('triage-account-advanced');
  assert.equal(await field('idle_refresh').isVisible(), false);
  await advanced.locator('summary').click();
  await field('use_idle').uncheck();
  await field('idle_refresh').fill('10m');
  await field('reconnect_max_delay').fill('2m');
  await field('imap.timeout').fill('30s');
  await field('folders.junk_folder').fill('Spam');

  await section.locator('[name="accounts.0.forward:mode"][value="smtp"]').check();
  await field('forward.smtp.host').fill('smtp.acme.example');
  await field('forward.smtp.port').fill('2525');
  await field('forward.smtp.tls').selectOption('starttls');
  await field('forward.smtp.username').fill('relay-user');
  await field('forward.smtp.password').fill('relay-password-typed');

  await section.locator('[name="accounts.0.webhooks.0.events:email_processed"]').check();
  assert.equal(await field('webhooks.0.secret').inputValue(), '', 'the stored webhook secret is not echoed');
  await section.locator('[name="accounts.0.attachments:own"]').check();
  await field('attachments.enabled').check();
  await field('attachments.max_size_mb').fill('5');

  await page.getByTestId('triage-settings-save').click();
  await page.getByTestId('triage-settings-saved').waitFor();

  const saved = (await settings()).accounts[0];
  assert.equal(saved.review_folder, 'Review');
  assert.deepEqual(saved.categories, ['work', 'personal', 'invoices']);
  assert.deepEqual(saved.private_senders, ['boss@acme.example', '@bank.example']);
  assert.deepEqual(saved.notifications, { users: ['admin'], events: ['dead_letter'] });
  assert.equal(saved.use_idle, 'false');
  assert.equal(saved.idle_refresh, '10m');
  assert.equal(saved.reconnect_max_delay, '2m');
  assert.equal(saved.imap.timeout, '30s');
  assert.equal(saved.folders.junk_folder, 'Spam');
  assert.deepEqual(saved.forward.smtp, { host: 'smtp.acme.example', port: '2525', tls: 'starttls', username: 'relay-user', password: '********' });
  assert.deepEqual(saved.webhooks[0].events, ['error', 'email_processed']);
  assert.deepEqual(saved.attachments, { enabled: 'true', max_size_mb: '5' });
  // Keys the form has no field for, secrets among them, are as they were.
  assert.equal(saved.imap.password, '********');
  assert.equal(saved.webhooks[0].secret, '********');
  assert.deepEqual(saved.webhooks[0].headers, { 'X-Team': '********' });
  assert.deepEqual(saved.folders.allowed, ['Receipts', 'Review']);
  const whole = await settings();
  assert.equal(whole.rules[0].name, 'invoices');
  assert.equal(whole.llm_providers[0].name, 'local');

  // A fresh page shows what was saved; the typed password is not sent back to it.
  await page.context().close();
  const again = await settingsPage();
  assert.equal(await again.field('review_folder').inputValue(), 'Review');
  assert.equal(await again.field('categories').inputValue(), 'work, personal, invoices');
  assert.equal(await again.field('forward.smtp.host').inputValue(), 'smtp.acme.example');
  assert.equal(await again.field('forward.smtp.tls').inputValue(), 'starttls');
  assert.equal(await again.field('forward.smtp.password').inputValue(), '');
  assert.equal(await again.field('forward.smtp.password').getAttribute('data-stored'), 'true');
  assert.equal(await again.section.locator('[name="accounts.0.notifications.events:dead_letter"]').isChecked(), true);
  assert.equal(await again.field('idle_refresh').inputValue(), '10m');
  assert.doesNotMatch(await again.page.content(), /never-shown|relay-password-typed/);

  // Saving again without touching the secrets keeps them (the masks go back and the server keeps what it has).
  await again.field('review_folder').fill('To review');
  await again.page.getByTestId('triage-settings-save').click();
  await again.page.getByTestId('triage-settings-saved').waitFor();
  const resaved = (await settings()).accounts[0];
  assert.equal(resaved.review_folder, 'To review');
  assert.equal(resaved.forward.smtp.password, '********');
  assert.equal(resaved.webhooks[0].secret, '********');
  await again.page.context().close();
});

test("The server's validation errors show at the fields they name, inside a collapsed group too, and nothing is saved", async () => {
  const before = await settings();
  const { page, section, field } = await settingsPage();
  await field('categories').fill('work, Work');
  await section.locator('[name="accounts.0.forward:mode"][value="smtp"]').check();
  await field('forward.smtp.port').fill('70000');
  await section.getByTestId('triage-account-advanced').locator('summary').click();
  await field('idle_refresh').fill('45m');
  // Closed again: the error opens it.
  await section.getByTestId('triage-account-advanced').locator('summary').click();
  await page.getByTestId('triage-settings-save').click();

  const errorAt = (key) => field(key).locator('xpath=..').getByTestId('field-error');
  await errorAt('categories').filter({ hasText: 'listed twice' }).waitFor();
  await errorAt('forward.smtp.port').filter({ hasText: '1–65535' }).waitFor();
  await errorAt('idle_refresh').filter({ hasText: '29m' }).waitFor();
  assert.equal(await field('idle_refresh').isVisible(), true, 'the group with an error is open');
  assert.equal(await page.getByTestId('triage-settings-saved').count(), 0);
  assert.deepEqual(await settings(), before, 'nothing was saved');
  await page.context().close();
});
