// The Triage area against the real server, a real Dovecot and a scripted LLM, sharing one server, one browser, one
// mailbox: accounts with status and pause/resume, the live feed as mail arrives, the audit's filters and CSV export,
// dead letters retried and skipped, the settings form (a refused value, then a live change), raw YAML, the dry-run
// toggle, the rule preview and the prompt sandbox.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { apiCall, apiLogin } from './support/api.mjs';
import { launchBrowser, openPage, signIn } from './support/browser.mjs';
import { adminPassword, adminUsername, startParley } from './support/parley-server.mjs';
import { createChatUser, signedInPage } from './support/chat.mjs';
import { appendMail, countInFolder, flagReply, startDovecot, startFakeLlm, triageCall, triageConfig } from './support/triage.mjs';
import { waitUntil } from './support/wait.mjs';

const env = { server: undefined, browser: undefined, dovecot: undefined, llm: undefined, token: undefined };
/** Subjects containing this make the LLM fail (HTTP 500) while `llmDown` is true. */
const broken = 'unprocessable';
let llmDown = true;

before(async () => {
  env.dovecot = await startDovecot('triageweb', 'mailbox-secret');
  env.llm = await startFakeLlm((request) => (llmDown && request.includes(broken) ? { status: 500 } : { content: flagReply('a person wrote; worth a look') }));
  const config = await triageConfig(env.dovecot, env.llm);
  env.server = await startParley({ env: { PARLEY_CONFIG: config } });
  env.browser = await launchBrowser();
  env.token = (await apiLogin(env.server.url, adminUsername, adminPassword)).access_token;
  // Mail appended from now on is new to the watcher.
  await waitUntil(async () => (await accounts())[0]?.connected, { timeoutMs: 30_000, what: 'the Triage account to connect' });
});

after(async () => {
  await env.browser?.close();
  await env.server?.stop();
  await env.llm?.stop();
  await env.dovecot?.stop();
});

const call = (method, path, body) => triageCall(env.server.url, env.token, method, path, body);
const accounts = async () => (await call('GET', '/api/triage/accounts')).accounts;
const auditOf = async (subject) => (await call('GET', `/api/triage/audit?q=${encodeURIComponent(subject)}`)).items;
/** Whether the server has an endpoint yet (the API is being completed beside this area). */
const serverHas = async (method, path, body) => (await apiCall(env.server.url, method, path, { token: env.token, body })).status !== 404;

async function adminPage(path) {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);
  await page.goto(path);
  await page.getByTestId('page-triage').waitFor();
  return page;
}

test('A Parley admin sees the account connected, pauses it and resumes it', async () => {
  const page = await adminPage('/triage');
  const row = page.locator(`[data-testid="triage-account"][data-account="${env.dovecot.user}"]`);
  await page.locator(`[data-testid="triage-account"][data-account="${env.dovecot.user}"][data-connected="true"]`).waitFor();
  assert.match(await row.getByTestId('triage-account-status').textContent(), /connected \(idle\)/);
  await page.getByTestId('triage-health-status').filter({ hasText: 'ok' }).waitFor();

  await row.getByTestId('triage-account-pause').click();
  await row.getByTestId('triage-account-status').filter({ hasText: 'paused' }).waitFor();
  assert.equal((await accounts())[0].paused, true);

  await row.getByTestId('triage-account-resume').click();
  await row.getByTestId('triage-account-pause').waitFor();
  await waitUntil(async () => { const [a] = await accounts(); return a.connected && !a.paused; }, { timeoutMs: 15_000, what: 'the account to be watched again' });
  await row.getByTestId('triage-account-status').filter({ hasText: /^connected/ }).waitFor();
  await page.context().close();
});

test('A plain Parley user is told the dashboard is for admins, and the API refuses them', async () => {
  const user = await createChatUser(env.server.url, 'trplain');
  assert.equal((await apiCall(env.server.url, 'GET', '/api/triage/accounts', { token: user.token })).status, 403);
  const page = await signedInPage(env, user);
  await page.goto('/triage/audit');
  await page.getByTestId('triage-not-admin').waitFor();
  assert.equal(await page.getByTestId('triage-audit').count(), 0);
  await page.context().close();
});

test('The live feed shows decisions as mail arrives: a rule\'s move and the LLM\'s flag with its confidence and reasoning', async () => {
  const page = await adminPage('/triage/feed');
  await page.getByTestId('triage-feed-status').filter({ hasText: 'Live' }).waitFor();

  await appendMail(env.dovecot, { subject: 'Invoice 4711 for March' });
  const byRule = page.getByTestId('triage-feed-item').filter({ hasText: 'Invoice 4711 for March' });
  await byRule.waitFor({ timeout: 20_000 });
  assert.equal(await byRule.getAttribute('data-live'), 'true', 'pushed by the hub, not loaded from the audit');
  assert.equal(await byRule.getByTestId('triage-feed-actions').textContent(), 'move → Receipts');

  await appendMail(env.dovecot, { subject: 'Lunch on Friday?' });
  const byLlm = page.getByTestId('triage-feed-item').filter({ hasText: 'Lunch on Friday?' });
  await byLlm.waitFor({ timeout: 20_000 });
  assert.equal(await byLlm.getByTestId('triage-feed-actions').textContent(), 'flag \\Flagged');
  assert.equal(await byLlm.getByTestId('triage-feed-confidence').textContent(), '90%');
  assert.equal(await byLlm.getByTestId('triage-feed-reasoning').textContent(), 'a person wrote; worth a look');
  // The newest is on top.
  assert.match(await page.getByTestId('triage-feed-item').first().textContent(), /Lunch on Friday\?/);
  await waitUntil(() => countInFolder(env.dovecot, 'Receipts', 'Invoice 4711'), { what: 'the invoice in Receipts' });
  await page.context().close();
});

test('The audit filters by action and text, refuses a bad filter by name, and exports the match as CSV', async () => {
  await appendMail(env.dovecot, { subject: 'Invoice 5150 from Acme' });
  await appendMail(env.dovecot, { subject: 'Team offsite, "agenda", draft' });
  await waitUntil(async () => (await auditOf('Invoice 5150')).length === 1 && (await auditOf('offsite')).length === 1, { timeoutMs: 20_000, what: 'both decisions in the audit' });

  const page = await adminPage('/triage/audit');
  const filters = page.getByTestId('triage-audit-filters');
  await page.getByTestId('triage-audit-row').first().waitFor();
  await filters.locator('select[name="action"]').selectOption('move');
  await page.getByTestId('triage-audit-search').click();
  await waitUntil(async () => {
    const subjects = await page.getByTestId('triage-audit-subject').allTextContents();
    return subjects.length > 0 && subjects.every((s) => /Invoice/.test(s)) && subjects.some((s) => s === 'Invoice 5150 from Acme');
  }, { what: 'only the moved (invoice) decisions' });
  assert.match(new URL(page.url()).search, /action=move/, 'the filters are in the address');

  await filters.locator('select[name="action"]').selectOption('');
  await filters.locator('input[name="q"]').fill('offsite');
  await page.getByTestId('triage-audit-search').click();
  await waitUntil(async () => (await page.getByTestId('triage-audit-subject').allTextContents()).join('|') === 'Team offsite, "agenda", draft', { what: 'the text filter' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('triage-audit-export-csv').click()]);
  assert.equal(download.suggestedFilename(), 'triage-audit.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines[0], 'id,created_at,account,message_id,actions,subject,llm_provider,llm_model,confidence,reasoning');
  assert.equal(lines.length, 2, 'the header and the one match');
  assert.match(lines[1], /"Team offsite, ""agenda"", draft"/);

  // A confidence out of range is refused under its field.
  await filters.locator('input[name="q"]').fill('');
  await filters.locator('input[name="min_confidence"]').evaluate((input) => input.removeAttribute('max'));
  await filters.locator('input[name="min_confidence"]').fill('2');
  await page.getByTestId('triage-audit-search').click();
  await filters.getByTestId('field-error').filter({ hasText: '0–1' }).waitFor();
  await page.context().close();
});

test('Dead letters: an email the LLM could not classify is retried to success, another one skipped', async () => {
  await appendMail(env.dovecot, { subject: `First ${broken} email` });
  await appendMail(env.dovecot, { subject: `Second ${broken} email` });
  const open = async () => (await call('GET', `/api/triage/dead-letters?account=${env.dovecot.user}`)).items;
  await waitUntil(async () => (await open()).length === 2, { timeoutMs: 20_000, what: 'two dead letters' });

  const page = await adminPage('/triage/dead-letters');
  const entries = page.getByTestId('triage-dead-letter');
  await waitUntil(async () => (await entries.count()) === 2, { what: 'two entries listed' });
  assert.equal(await entries.first().getAttribute('data-status'), 'pending');

  // The LLM is back: the newest is retried now and leaves the open list as a success.
  llmDown = false;
  const [newest, oldest] = await open();
  await page.locator(`[data-dead-letter-id="${newest.id}"]`).getByTestId('triage-dead-letter-retry').click();
  await waitUntil(async () => (await call('GET', '/api/triage/dead-letters?status=success')).items.some((d) => d.id === newest.id), { timeoutMs: 20_000, what: 'the retried entry to succeed' });
  await page.getByTestId('triage-dead-letters-refresh').click();
  await page.locator(`[data-dead-letter-id="${newest.id}"]`).waitFor({ state: 'detached' });

  await page.locator(`[data-dead-letter-id="${oldest.id}"]`).getByTestId('triage-dead-letter-skip').click();
  await page.getByTestId('triage-dead-letters-empty').waitFor();
  const skipped = (await call('GET', '/api/triage/dead-letters?status=skipped')).items;
  assert.ok(skipped.some((d) => d.id === oldest.id), 'kept as skipped, not deleted');
  await page.getByTestId('triage-dead-letter-filter').selectOption('skipped');
  await page.locator(`[data-dead-letter-id="${oldest.id}"][data-status="skipped"]`).waitFor();
  await page.context().close();
});

test('Settings: a refused value is shown under its field; a valid change is in force at once (a higher confidence bar)', async (t) => {
  if (!(await serverHas('GET', '/api/triage/settings'))) return t.skip('the server has no /api/triage/settings yet');
  const page = await adminPage('/triage/settings');
  const form = page.getByTestId('triage-settings-form');
  await form.locator('input[name="concurrency_limit"]').fill('0');
  await page.getByTestId('triage-settings-save').click();
  await form.getByTestId('field-error').filter({ hasText: '1–1000' }).waitFor();
  assert.notEqual((await call('GET', '/api/triage/settings')).settings.concurrency_limit, '0', 'nothing was saved');

  await form.locator('input[name="concurrency_limit"]').fill('3');
  await form.locator('input[name="confidence.minimum_threshold"]').fill('0.95');
  await page.getByTestId('triage-settings-save').click();
  await page.getByTestId('triage-settings-saved').waitFor();
  const saved = (await call('GET', '/api/triage/settings')).settings;
  assert.equal(saved.concurrency_limit, '3');
  assert.equal(saved.confidence.minimum_threshold, '0.95');

  // In force without a restart: the LLM's 0.9 is now below the bar, so the next email waits in the dead letter,
  // untouched. (The account restarts on the change; an email the old watcher still took is tried again.)
  const deadLetterFor = async (messageId) =>
    (await call('GET', `/api/triage/dead-letters?account=${env.dovecot.user}`)).items.find((d) => messageId.includes(d.message_id));
  let held = null;
  for (let attempt = 1; attempt <= 3 && !held; attempt++) {
    const subject = `Quarterly planning notes ${attempt}`;
    const messageId = await appendMail(env.dovecot, { subject });
    held = await waitUntil(async () => (await deadLetterFor(messageId)) ?? ((await auditOf(subject)).length > 0 && 'decided'), { timeoutMs: 20_000, what: `${subject} decided or held` });
    if (held === 'decided') held = null;
  }
  assert.ok(held, 'an email below the new bar went to the dead letter');
  assert.equal(held.retry_status, 'pending');

  // Back to the usual bar for the tests after this one.
  await form.locator('input[name="confidence.minimum_threshold"]').fill('0.7');
  await page.getByTestId('triage-settings-save').click();
  await waitUntil(async () => (await call('GET', '/api/triage/settings')).settings.confidence.minimum_threshold === '0.7', { what: 'the bar back at 0.7' });
  await page.context().close();
});

test('Settings: antivirus turned on with a bad port is refused at the field; a valid change is in force and shown after reload', async () => {
  const page = await adminPage('/triage/settings');
  const antivirus = page.getByTestId('triage-settings-antivirus');
  await antivirus.locator('input[name="antivirus.enabled"]').check();
  await antivirus.locator('input[name="antivirus.port"]').fill('70000');
  await page.getByTestId('triage-settings-save').click();
  await antivirus.getByTestId('field-error').filter({ hasText: '1–65535' }).waitFor();
  assert.notEqual((await call('GET', '/api/triage/settings')).settings.antivirus?.enabled, 'true', 'nothing was saved');

  // A port nothing listens on: saved and in force at once, so health finds clamd unreachable.
  await antivirus.locator('input[name="antivirus.host"]').fill('127.0.0.1');
  await antivirus.locator('input[name="antivirus.port"]').fill('9');
  await antivirus.locator('input[name="antivirus.timeout"]').fill('5s');
  await antivirus.locator('select[name="antivirus.on_virus_detected"]').selectOption('flag_only');
  await page.getByTestId('triage-settings-save').click();
  await page.getByTestId('triage-settings-saved').waitFor();
  const saved = (await call('GET', '/api/triage/settings')).settings.antivirus;
  assert.deepEqual(saved, { enabled: 'true', host: '127.0.0.1', port: '9', timeout: '5s', on_virus_detected: 'flag_only' });
  const health = await call('GET', '/api/triage/health');
  assert.equal(health.antivirus.enabled, true);
  assert.equal(health.antivirus.reachable, false);

  await page.reload();
  await page.getByTestId('triage-settings-antivirus').waitFor();
  assert.equal(await antivirus.locator('input[name="antivirus.enabled"]').isChecked(), true);
  assert.equal(await antivirus.locator('input[name="antivirus.port"]').inputValue(), '9');
  assert.equal(await antivirus.locator('select[name="antivirus.on_virus_detected"]').inputValue(), 'flag_only');
  await page.goto('/triage');
  await page.locator('[data-testid="triage-health-antivirus"][data-reachable="false"]').waitFor();

  // Off again for the tests after this one (health back to ok).
  await page.goto('/triage/settings');
  await antivirus.locator('input[name="antivirus.enabled"]').uncheck();
  await page.getByTestId('triage-settings-save').click();
  await page.getByTestId('triage-settings-saved').waitFor();
  assert.equal((await call('GET', '/api/triage/health')).antivirus.enabled, false);
  await page.context().close();
});

test('Settings as raw YAML: an invalid document is refused with its errors, a valid one applied', async (t) => {
  if (!(await serverHas('GET', '/api/triage/settings/yaml'))) return t.skip('the server has no /api/triage/settings/yaml yet');
  const page = await adminPage('/triage/settings');
  const editor = page.getByTestId('triage-yaml');
  await waitUntil(async () => /triage:/.test(await editor.inputValue()), { what: 'the YAML loaded' });
  const original = await editor.inputValue();
  assert.doesNotMatch(original, /mailbox-secret/, 'the IMAP password is masked');

  const withLimit = (n) =>
    /concurrency_limit:/.test(original) ? original.replace(/concurrency_limit: .*/, `concurrency_limit: ${n}`) : original.replace(/^triage:\n/, `triage:\n  concurrency_limit: ${n}\n`);
  await editor.fill(withLimit(5000));
  await page.getByTestId('triage-yaml-save').click();
  await page.getByTestId('triage-yaml-errors').filter({ hasText: 'concurrency_limit' }).waitFor();

  await editor.fill(withLimit(4));
  await page.getByTestId('triage-yaml-save').click();
  await page.getByTestId('triage-yaml-saved').waitFor();
  assert.equal((await call('GET', '/api/triage/settings')).settings.concurrency_limit, '4');
  // The masked password was kept: the account still connects.
  await call('POST', `/api/triage/accounts/${env.dovecot.user}/reconnect`);
  await waitUntil(async () => (await accounts())[0].connected, { timeoutMs: 20_000, what: 'the account to reconnect with the kept password' });
  await page.context().close();
});

test('The dry-run toggle: decisions are recorded, the mailbox is left alone; off again, mail moves', async (t) => {
  if (!(await serverHas('PUT', '/api/triage/settings/dry-run', {}))) return t.skip('the server has no /api/triage/settings/dry-run yet');
  const page = await adminPage('/triage/feed');
  await page.getByTestId('triage-feed-status').filter({ hasText: 'Live' }).waitFor();
  const toggle = page.getByTestId('triage-dry-run-toggle');
  // The box follows the server (it changes once the setting is saved), so it is clicked, not "checked".
  await toggle.click();
  await page.locator('[data-testid="triage-dry-run"][data-enabled="true"]').waitFor();
  assert.equal((await call('GET', '/api/triage/settings')).settings.dry_run, 'true');

  await appendMail(env.dovecot, { subject: 'Invoice 777 rehearsal' });
  const entry = page.getByTestId('triage-feed-item').filter({ hasText: 'dry run' }).first();
  await entry.waitFor({ timeout: 20_000 });
  assert.equal(await countInFolder(env.dovecot, 'INBOX', 'Invoice 777'), 1, 'still in the inbox');
  assert.equal(await countInFolder(env.dovecot, 'Receipts', 'Invoice 777'), 0);

  await toggle.click();
  await page.locator('[data-testid="triage-dry-run"][data-enabled="false"]').waitFor();
  await appendMail(env.dovecot, { subject: 'Invoice 778 for real' });
  await waitUntil(() => countInFolder(env.dovecot, 'Receipts', 'Invoice 778'), { timeoutMs: 20_000, what: 'the invoice moved once dry run is off' });
  await page.context().close();
});

test('Rule preview: a rule tested against the last N emails says which match and what it would do', async () => {
  // Both among the newest five of INBOX whatever the earlier tests left there (the LLM flags them; nothing moves them).
  await appendMail(env.dovecot, { subject: 'Quarterly report draft' });
  await appendMail(env.dovecot, { subject: 'Newsletter: spring sale' });
  const page = await adminPage('/triage/rules');
  await page.getByTestId('triage-rule-name').fill('newsletters');
  await page.getByTestId('triage-rule-condition-value').fill('newsletter');
  await page.getByTestId('triage-rule-action-folder').fill('News');
  await page.getByTestId('triage-rule-preview-count').fill('5');
  await page.getByTestId('triage-rule-preview').click();
  const rows = page.getByTestId('triage-rule-preview-row');
  await rows.first().waitFor();
  assert.ok((await rows.count()) <= 5);
  const matched = rows.filter({ has: page.locator('[data-testid="triage-rule-preview-subject"]', { hasText: 'Newsletter: spring sale' }) });
  assert.equal(await matched.getAttribute('data-matched'), 'true');
  assert.equal(await rows.filter({ hasText: 'Quarterly report draft' }).getAttribute('data-matched'), 'false');
  assert.equal(await countInFolder(env.dovecot, 'News', 'Newsletter'), 0, 'a preview changes nothing');
  await page.context().close();
});

test('Prompt sandbox: a pasted email is classified without acting', async () => {
  const page = await adminPage('/triage/sandbox');
  await page.getByTestId('triage-sandbox-raw').fill('From: bob@example.org\r\nSubject: Can we talk tomorrow?\r\n\r\nCall me.\r\n');
  await page.getByTestId('triage-sandbox-skip-rules').check();
  const asked = env.llm.requests.length;
  await page.getByTestId('triage-sandbox-run').click();
  await page.getByTestId('triage-sandbox-result').waitFor();
  assert.equal(await page.getByTestId('triage-sandbox-actions').textContent(), 'flag \\Flagged');
  assert.equal(await page.getByTestId('triage-sandbox-confidence').textContent(), '90%');
  assert.ok(env.llm.requests.slice(asked).some((r) => r.includes('Can we talk tomorrow?')), 'the LLM was asked');
  assert.equal((await auditOf('Can we talk tomorrow?')).length, 0, 'nothing recorded');
  await page.context().close();
});

test('Prompt sandbox: an email\'s image goes to the vision model, and the page says which images were sent', async () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const raw = [
    'From: shop@example.org', 'Subject: Your receipt picture', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
    '--b', 'Content-Type: text/plain', '', 'Receipt attached.', '',
    '--b', 'Content-Type: image/png; name="receipt.png"', 'Content-Disposition: attachment; filename="receipt.png"',
    'Content-Transfer-Encoding: base64', '', png, '--b--', '',
  ].join('\r\n');
  const page = await adminPage('/triage/sandbox');
  await page.getByTestId('triage-sandbox-raw').fill(raw);
  await page.getByTestId('triage-sandbox-skip-rules').check();
  const asked = env.llm.requests.length;
  await page.getByTestId('triage-sandbox-run').click();
  await page.getByTestId('triage-sandbox-result').waitFor();
  const image = page.getByTestId('triage-sandbox-image');
  assert.equal(await image.count(), 1);
  assert.equal(await image.getAttribute('data-sent'), 'true');
  assert.match(await image.textContent(), /receipt\.png \(image\/png, \d+ bytes\): sent to the model/);
  assert.ok(env.llm.requests.slice(asked).some((r) => r.includes(`data:image/png;base64,${png}`)), 'the image reached the model');
  await page.context().close();
});

