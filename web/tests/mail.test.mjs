// The Mail area over a real server: domains with their DNS records and verification, inboxes, mail
// that arrives by SMTP shown and opened, replies and new messages (with attachments and a retried
// idempotency key), HTML kept in a sandboxed frame, the suppression list, and webhooks.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { apiCall } from './support/api.mjs';
import {
  adminOk, adminPage, mailServerAndBrowser, rfc5322, sendSmtp, startWebhookReceiver, waitForSmtp,
} from './support/mail.mjs';
import { waitUntil } from './support/wait.mjs';

const env = mailServerAndBrowser();
const deliveryStatuses = ['pending', 'sent', 'delivered', 'bounced', 'complained', 'failed'];
let counter = 0;
/** A fresh domain name per test, so tests share the server without seeing each other's mail. */
const freshDomain = (label) => `${label}-${++counter}-${process.pid}.test`;
/** A text body as shown, without the line-end differences MIME adds (CRLF, a final line break). */
const bodyOf = async (message) => (await message.getByTestId('mail-message-text').textContent()).replace(/\r\n/g, '\n').trim();

/** A domain and one inbox on it, arranged through the API: { domain, inbox }. */
async function domainWithInbox(label, localPart = 'support') {
  const domain = await adminOk(env, 'POST', '/api/mail/domains', { name: freshDomain(label) });
  const inbox = await adminOk(env, 'POST', '/api/mail/inboxes', { domain_id: domain.id, local_part: localPart, name: `${label} desk` });
  return { domain, inbox };
}

/** Delivers a message to Parley over SMTP, as another mail server would. */
async function deliver({ from, to, subject, text, raw }) {
  const port = env.smtpPort();
  await waitForSmtp(port);
  const messageId = `${crypto.randomUUID()}@sender.test`;
  const data = raw ?? rfc5322({ from, to, subject, text, messageId });
  await sendSmtp({ port, from, to, data });
  return messageId;
}

/** Waits for a thread with `subject` in the open mailbox, pressing Refresh until it shows. */
async function threadInList(page, subject) {
  const item = page.locator(`[data-testid="mail-thread-item"][data-subject="${subject}"]`);
  await waitUntil(
    async () => {
      if (await item.count()) return true;
      await page.getByTestId('mail-refresh').click();
      return false;
    },
    { timeoutMs: 20_000, intervalMs: 500, what: `thread “${subject}” in the list` },
  );
  return item;
}

test('The admin adds a domain and sees its DNS records, unverified; Verify now re-checks them; an inbox is created under it', async () => {
  const page = await adminPage(env);
  await page.getByTestId('nav-mail').click();
  await page.getByTestId('mail-home').waitFor();
  // A fresh server has no domains: the page says where to start.
  await page.getByTestId('mail-empty').waitFor();
  await page.getByTestId('mail-no-inboxes').waitFor();

  await page.getByTestId('mail-nav-domains').click();
  await page.getByTestId('mail-domains-empty').waitFor();
  const name = freshDomain('acme');
  const form = page.getByTestId('mail-add-domain-form');
  await form.getByLabel('Domain name').fill(name);
  await form.getByRole('button', { name: 'Add domain' }).click();

  const detail = page.locator(`[data-testid="mail-domain"][data-name="${name}"]`);
  await detail.waitFor();
  await detail.getByTestId('mail-domain-status').filter({ hasText: 'Unverified' }).waitFor();
  const records = detail.getByTestId('mail-dns-record');
  await records.first().waitFor();
  const purposes = await records.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-purpose')));
  for (const purpose of ['mx', 'spf', 'dkim', 'dmarc']) assert.ok(purposes.includes(purpose), `a ${purpose} record is listed (${purposes})`);
  assert.deepEqual(await records.evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-verified')))]), ['false']);
  // The values are what the API says to publish, each with its copy button.
  const api = await adminOk(env, 'GET', '/api/mail/domains');
  const stored = api.items.find((d) => d.name === name);
  const dkim = stored.dns_records.find((r) => r.purpose === 'dkim');
  assert.equal((await detail.locator('[data-purpose="dkim"]').getByTestId('mail-dns-value').textContent()).trim(), dkim.value);
  await detail.getByRole('button', { name: 'Copy the DKIM record value' }).waitFor();

  // DNS (a stub that knows no names) has none of them: still unverified, and the page says what was checked.
  await detail.getByTestId('mail-verify-domain').click();
  const result = detail.getByTestId('mail-verify-result');
  await result.waitFor();
  assert.match(await result.textContent(), new RegExp(`0 of ${stored.dns_records.length} records found`));
  await detail.getByTestId('mail-domain-status').filter({ hasText: 'Unverified' }).waitFor();

  // An inbox under the domain; it shows on the domain and in the sidebar.
  await detail.getByTestId('mail-domain-no-inboxes').waitFor();
  const inboxForm = detail.getByTestId('mail-create-inbox-form');
  await inboxForm.getByLabel('Local part').fill('support');
  await inboxForm.getByLabel('Display name').fill('Support desk');
  await inboxForm.getByRole('button', { name: 'Create inbox' }).click();
  await detail.locator(`[data-testid="mail-domain-inbox"][data-address="support@${name}"]`).waitFor();
  const link = page.locator(`[data-testid="mail-inbox-link"][data-address="support@${name}"]`);
  await link.click();
  await page.locator(`[data-testid="mailbox"][data-address="support@${name}"]`).waitFor();
  await page.getByTestId('mail-threads-empty').waitFor();

  // A catch-all takes the rest of the domain.
  await page.goto(`/mail/domains/${stored.id}`);
  const again = page.getByTestId('mail-create-inbox-form');
  await again.getByLabel('Catch-all', { exact: false }).check();
  await again.getByLabel('Display name').fill('Everything else');
  await again.getByRole('button', { name: 'Create inbox' }).click();
  await page.locator(`[data-testid="mail-domain-inbox"][data-address="*@${name}"]`).waitFor();
  await page.context().close();
});

test('Deleting a domain asks first', async () => {
  const domain = await adminOk(env, 'POST', '/api/mail/domains', { name: freshDomain('gone') });
  const page = await adminPage(env);
  await page.goto(`/mail/domains/${domain.id}`);
  await page.getByTestId('mail-delete-domain-start').click();
  await page.getByTestId('mail-delete-domain').getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByTestId('mail-delete-domain-confirm').count(), 0);
  await page.getByTestId('mail-delete-domain-start').click();
  await page.getByTestId('mail-delete-domain-confirm').click();
  await page.getByTestId('mail-domains').waitFor();
  await waitUntil(async () => (await page.locator(`[data-testid="mail-domain-row"][data-name="${domain.name}"]`).count()) === 0, {
    what: 'the deleted domain to leave the list',
  });
  const answer = await apiCall(env.server.url, 'GET', `/api/mail/domains/${domain.id}`, { token: env.admin.access_token });
  assert.equal(answer.status, 404);
  await page.context().close();
});

test('Mail that arrives by SMTP shows in the inbox, opens, is found by search; a reply shows in the thread with its delivery status', async () => {
  const { inbox } = await domainWithInbox('inbound');
  const subject = `Order 4471 arrived damaged ${counter}`;
  const messageId = await deliver({
    from: 'carol@sender.test',
    to: [inbox.address],
    subject,
    text: 'The box was crushed.\nCan you send another one? Keyword: periwinkle',
  });

  const page = await adminPage(env);
  await page.goto(`/mail/inboxes/${inbox.id}`);
  const item = await threadInList(page, subject);
  assert.match(await item.getByTestId('mail-thread-participants').textContent(), /carol@sender\.test/);
  assert.match(await item.getByTestId('mail-thread-snippet').textContent(), /The box was crushed/);

  await item.click();
  const thread = page.getByTestId('mail-thread');
  await thread.getByTestId('mail-thread-title').filter({ hasText: subject }).waitFor();
  const first = thread.locator(`[data-testid="mail-message"][data-message-id="${messageId}"]`);
  await first.waitFor();
  assert.match(await first.getByTestId('mail-message-from').textContent(), /carol@sender\.test/);
  assert.ok((await first.getByTestId('mail-message-to').textContent()).includes(inbox.address));
  assert.equal(await bodyOf(first), 'The box was crushed.\nCan you send another one? Keyword: periwinkle');
  assert.equal(await first.getByTestId('mail-delivery').count(), 0, 'received mail has no delivery status');

  // The reply form answers the last message: its sender, "Re:" subject.
  const reply = thread.getByTestId('mail-reply-form');
  assert.equal(await reply.getByLabel(/^To\b/).inputValue(), 'carol@sender.test');
  assert.equal(await reply.getByLabel(/^Subject\b/).inputValue(), `Re: ${subject}`);
  await reply.getByLabel(/^Message\b/).fill('Sorry about that: a new one is on its way.');
  await reply.getByRole('button', { name: 'Send' }).click();

  const sent = thread.locator('[data-testid="mail-message"][data-direction="outbound"]');
  await sent.waitFor();
  assert.equal(await bodyOf(sent), 'Sorry about that: a new one is on its way.');
  const status = sent.getByTestId('mail-delivery').getByTestId('mail-delivery-status');
  await status.waitFor();
  assert.ok(deliveryStatuses.includes(await status.getAttribute('data-status')), 'a known delivery status');
  await sent.getByTestId('mail-delivery').locator('summary').click();
  await sent.getByTestId('mail-delivery').locator('[data-testid="mail-delivery-event"], p.muted').first().waitFor();
  // Oldest first: the received message, then the reply.
  const order = await thread.getByTestId('mail-message').evaluateAll((all) => all.map((m) => m.getAttribute('data-direction')));
  assert.deepEqual(order, ['inbound', 'outbound']);

  // The server threaded it as a reply to Carol's message.
  const outboundId = await sent.getAttribute('data-message-id');
  const stored = await adminOk(env, 'GET', `/api/mail/messages/${encodeURIComponent(outboundId)}`);
  assert.equal(stored.in_reply_to, messageId);
  assert.deepEqual(stored.to.map((a) => a.address), ['carol@sender.test']);
  await page.locator(`[data-testid="mail-thread-item"][data-subject="${subject}"]`).getByTestId('mail-thread-count').filter({ hasText: '2' }).waitFor();

  // Search finds the message by a word of its body.
  await page.getByLabel('Search this inbox').fill('periwinkle');
  await page.getByTestId('mail-search-form').getByRole('button', { name: 'Search' }).click();
  const hit = page.locator(`[data-testid="mail-search-result"][data-subject="${subject}"]`);
  await hit.waitFor();
  await page.getByLabel('Search this inbox').fill('nosuchwordanywhere');
  await page.getByTestId('mail-search-form').getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('mail-search-status').filter({ hasText: '0 messages match' }).waitFor();
  await page.context().close();
});

test('Compose sends a new message with an attachment; a retry after a network failure reuses the idempotency key', async () => {
  const { inbox } = await domainWithInbox('compose');
  const page = await adminPage(env);
  await page.goto(`/mail/inboxes/${inbox.id}`);
  await page.getByTestId('mail-compose-link').click();
  const form = page.getByTestId('mail-compose-form');
  await form.getByLabel(/^To\b/).fill('dave@elsewhere.test');
  await form.getByLabel(/^Cc\b/).fill('erin@elsewhere.test');
  await form.getByLabel(/^Subject\b/).fill('Quarterly notes');
  await form.getByLabel(/^Message\b/).fill('Notes attached.');
  const content = 'line one\nline two: ünïcödé\n';
  await form.getByTestId('mail-attach-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(content, 'utf8') });
  await form.locator('[data-testid="mail-compose-attachment"][data-filename="notes.txt"]').waitFor();

  // The first send reaches the server, but the browser never hears back (the connection drops).
  const keys = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/mail/send')) keys.push(request.postDataJSON().idempotency_key);
  });
  await page.route(
    '**/api/mail/send',
    async (route) => {
      const answer = await route.fetch();
      assert.equal(answer.status(), 202);
      await route.abort('connectionreset');
    },
    { times: 1 },
  );
  await form.getByRole('button', { name: 'Send' }).click();
  await form.getByTestId('mail-send-error').waitFor();
  await form.getByRole('button', { name: 'Retry' }).click();

  const thread = page.getByTestId('mail-thread');
  await thread.getByTestId('mail-thread-title').filter({ hasText: 'Quarterly notes' }).waitFor();
  assert.ok(keys.length >= 2, `two sends (${keys.length})`);
  assert.ok(keys[0] && keys.every((k) => k === keys[0]), 'the retry sends the same idempotency key');
  // elsewhere.test has no mail server, so a bounce notice may join the thread; only one message went out.
  const message = thread.locator('[data-testid="mail-message"][data-direction="outbound"]');
  await message.waitFor();
  assert.equal(await message.count(), 1, 'the retry did not send a second message');
  assert.match(await message.getByTestId('mail-message-to').textContent(), /dave@elsewhere\.test/);
  assert.match(await message.getByTestId('mail-message-cc').textContent(), /erin@elsewhere\.test/);
  await message.getByTestId('mail-delivery-status').waitFor();

  // The attachment downloads with the bytes that were attached.
  const link = message.locator('[data-testid="mail-attachment"][data-filename="notes.txt"]');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'notes.txt');
  assert.equal(await readFile(await download.path(), 'utf8'), content);
  await page.context().close();
});

test('An HTML-only message is shown in a sandboxed frame, never in the page', async () => {
  const { inbox } = await domainWithInbox('html');
  const messageId = `${crypto.randomUUID()}@sender.test`;
  const raw = [
    'From: frank@sender.test',
    `To: ${inbox.address}`,
    'Subject: Shiny newsletter',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><body><p id="html-marker">Hello in HTML</p>',
    '<script>document.body.setAttribute("data-ran", "yes"); parent.document.title = "pwned";</script>',
    '<img src="x" onerror="parent.document.title = \'pwned\'"></body></html>',
    '',
  ].join('\r\n');
  await deliver({ from: 'frank@sender.test', to: [inbox.address], raw });

  const page = await adminPage(env);
  await page.goto(`/mail/inboxes/${inbox.id}`);
  await (await threadInList(page, 'Shiny newsletter')).click();
  const frame = page.getByTestId('mail-html-body');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('sandbox'), '');
  assert.match(await frame.getAttribute('srcdoc'), /Hello in HTML/);
  await page.frameLocator('[data-testid="mail-html-body"]').locator('#html-marker').filter({ hasText: 'Hello in HTML' }).waitFor();
  assert.equal(await page.frameLocator('[data-testid="mail-html-body"]').locator('body').getAttribute('data-ran'), null);
  assert.equal(await page.locator('#html-marker').count(), 0, 'the HTML is not part of the page');
  assert.notEqual(await page.title(), 'pwned');
  await page.context().close();
});

test('Addresses are added to and removed from the suppression list', async () => {
  const page = await adminPage(env);
  await page.goto('/mail/suppressions');
  const address = `blocked-${counter++}@nowhere.test`;
  const form = page.getByTestId('mail-suppress-form');
  await form.getByLabel('Address').fill(address);
  await form.getByRole('button', { name: 'Suppress' }).click();
  const row = page.locator(`[data-testid="mail-suppression-row"][data-address="${address}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /manual/);
  let listed = await adminOk(env, 'GET', '/api/mail/suppressions?limit=100');
  assert.ok(listed.items.some((s) => s.address === address));

  await row.getByRole('button', { name: `Remove ${address} from the suppression list` }).click();
  await waitUntil(async () => (await row.count()) === 0, { what: 'the removed address to leave the list' });
  listed = await adminOk(env, 'GET', '/api/mail/suppressions?limit=100');
  assert.ok(!listed.items.some((s) => s.address === address));
  await page.context().close();
});

test('A webhook is registered after its endpoint echoes the challenge, shows its secret once, and lists its deliveries', async () => {
  const { inbox } = await domainWithInbox('hooks');
  const receiver = await startWebhookReceiver();
  try {
    const page = await adminPage(env);
    await page.goto('/mail/webhooks');
    await page.getByTestId('mail-webhooks-empty').waitFor();
    const form = page.getByTestId('mail-create-webhook-form');
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    assert.ok(await form.getByRole('checkbox', { name: 'message.received' }).isChecked());
    await form.getByRole('checkbox', { name: 'message.sent' }).check();
    await form.getByRole('checkbox', { name: inbox.address }).check();
    await form.getByRole('button', { name: 'Register webhook' }).click();

    const secret = (await page.getByTestId('mail-webhook-secret').textContent()).trim();
    assert.ok(secret.length >= 16, 'a signing secret is shown');
    assert.ok(receiver.requests.length >= 1, 'the endpoint was asked to verify itself');
    const row = page.locator(`[data-testid="mail-webhook-row"][data-url="${receiver.url}"]`);
    await row.getByTestId('mail-webhook-status').filter({ hasText: 'active' }).waitFor();
    await page.getByTestId('mail-webhook-secret-done').click();
    assert.equal(await page.getByTestId('mail-webhook-secret-panel').count(), 0);

    // Shown once: neither the page after a reload nor the API has it again.
    await page.reload();
    await row.waitFor();
    assert.ok(!(await page.locator('body').textContent()).includes(secret));
    const listed = await adminOk(env, 'GET', '/api/mail/webhooks');
    assert.ok(!JSON.stringify(listed).includes(secret));

    // Mail to the scoped inbox is announced, and the delivery shows in the list.
    await deliver({ from: 'gina@sender.test', to: [inbox.address], subject: 'Hook me', text: 'For the webhook.' });
    await waitUntil(() => receiver.requests.some((r) => r.headers['parley-event'] === 'message.received' || r.json?.type === 'message.received' || r.json?.event === 'message.received'), {
      timeoutMs: 30_000,
      what: 'message.received at the endpoint',
    });
    await row.getByTestId('mail-webhook-deliveries-toggle').click();
    const deliveries = row.getByTestId('mail-webhook-deliveries');
    await waitUntil(
      async () => {
        if ((await deliveries.locator('[data-testid="mail-webhook-delivery"][data-event="message.received"]').count()) > 0) return true;
        await deliveries.getByRole('button', { name: 'Refresh' }).click();
        return false;
      },
      { timeoutMs: 20_000, intervalMs: 500, what: 'the delivery in the list' },
    );
    await page.context().close();
  } finally {
    await receiver.stop();
  }
});
