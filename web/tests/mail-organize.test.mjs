// Organizing mail in the Mail console over a real server: labels added and removed on a message (seen through the
// API and as chips in the thread list), a thread archived (it leaves the open list and shows under archived) and
// back to open, and the list filtered by label — the filters kept in the address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminOk, adminPage, mailServerAndBrowser, rfc5322, sendSmtp, waitForSmtp } from './support/mail.mjs';
import { waitUntil } from './support/wait.mjs';

const env = mailServerAndBrowser();
let counter = 0;

/** A fresh domain with one inbox, so the tests share the server without seeing each other's mail. */
async function freshInbox(label) {
  const domain = await adminOk(env, 'POST', '/api/mail/domains', { name: `${label}-${++counter}-${process.pid}.test` });
  return adminOk(env, 'POST', '/api/mail/inboxes', { domain_id: domain.id, local_part: 'desk', name: `${label} desk` });
}

/** Delivers a message over SMTP and waits until its thread is stored; answers { messageId, threadId }. */
async function deliver(inbox, subject) {
  const port = env.smtpPort();
  await waitForSmtp(port);
  const messageId = `${crypto.randomUUID()}@sender.test`;
  await sendSmtp({ port, from: 'frank@sender.test', to: [inbox.address], data: rfc5322({ from: 'frank@sender.test', to: [inbox.address], subject, text: `About ${subject}`, messageId }) });
  const threadId = await waitUntil(
    async () => (await adminOk(env, 'GET', `/api/mail/inboxes/${inbox.id}/threads?state=open`)).items.find((t) => t.subject === subject)?.id,
    { timeoutMs: 20_000, what: `“${subject}” stored` },
  );
  return { messageId, threadId };
}

const item = (page, subject) => page.locator(`[data-testid="mail-thread-item"][data-subject="${subject}"]`);
const subjectsListed = async (page) => page.getByTestId('mail-thread-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-subject')).sort());

test('A label added in the console is on the message through the API, shows as a chip in the list, and comes off again', async () => {
  const inbox = await freshInbox('labels');
  const subject = 'Contract renewal';
  const { messageId } = await deliver(inbox, subject);

  const page = await adminPage(env);
  await page.goto(`/mail/inboxes/${inbox.id}`);
  await item(page, subject).click();
  const message = page.locator(`[data-testid="mail-message"][data-message-id="${messageId}"]`);
  await message.getByTestId('mail-label-input').fill('legal review');
  await message.getByTestId('mail-label-add').click();
  await message.locator('[data-testid="mail-label"][data-label="legal review"]').waitFor();
  const stored = await adminOk(env, 'GET', `/api/mail/messages/${encodeURIComponent(messageId)}`);
  assert.deepEqual(stored.labels, ['legal review']);
  // The thread list reloads and shows the label on the thread.
  await item(page, subject).locator('[data-testid="mail-label"][data-label="legal review"]').waitFor();

  await message.locator('[data-testid="mail-label"][data-label="legal review"]').getByTestId('mail-label-remove').click();
  await message.locator('[data-testid="mail-label"]').waitFor({ state: 'detached' });
  assert.deepEqual((await adminOk(env, 'GET', `/api/mail/messages/${encodeURIComponent(messageId)}`)).labels, []);
  await item(page, subject).locator('[data-testid="mail-label"]').waitFor({ state: 'detached' });
  await page.context().close();
});

test('An archived thread leaves the open list and shows under archived; moved to open, it is back', async () => {
  const inbox = await freshInbox('archive');
  const { threadId } = await deliver(inbox, 'Old newsletter');
  await deliver(inbox, 'Current question');

  const page = await adminPage(env);
  await page.goto(`/mail/inboxes/${inbox.id}`);
  await waitUntil(async () => (await subjectsListed(page)).join('|') === 'Current question|Old newsletter', { what: 'both threads open' });
  await item(page, 'Old newsletter').click();
  await page.getByTestId('mail-thread-state').filter({ hasText: 'Open' }).waitFor();
  await page.getByTestId('mail-thread-move-archived').click();
  await page.locator('[data-testid="mail-thread-state"][data-state="archived"]').waitFor();
  assert.equal((await adminOk(env, 'GET', `/api/mail/threads/${threadId}`)).state, 'archived');
  await waitUntil(async () => (await subjectsListed(page)).join('|') === 'Current question', { what: 'the archived thread to leave the open list' });

  await page.getByTestId('mail-state-filter').selectOption('archived');
  await waitUntil(async () => (await subjectsListed(page)).join('|') === 'Old newsletter', { what: 'the thread under archived' });
  assert.match(new URL(page.url()).search, /state=archived/, 'the filter is in the address');
  // The open thread keeps the filter in the address; a reload shows the same list.
  await item(page, 'Old newsletter').click();
  assert.match(new URL(page.url()).search, /state=archived/);
  await page.reload();
  await waitUntil(async () => (await subjectsListed(page)).join('|') === 'Old newsletter', { what: 'the archived list after a reload' });

  await page.getByTestId('mail-thread-move-open').click();
  await page.getByTestId('mail-threads-none-match').waitFor();
  await page.getByTestId('mail-state-filter').selectOption('open');
  await waitUntil(async () => (await subjectsListed(page)).join('|') === 'Current question|Old newsletter', { what: 'both open again' });
  assert.doesNotMatch(new URL(page.url()).search, /state=/, 'open is the list without a state');
  await page.context().close();
});

test('The label filter lists only threads with a message carrying the label', async () => {
  const inbox = await freshInbox('filter');
  const tagged = await deliver(inbox, 'Invoice 88');
  await deliver(inbox, 'Team lunch');
  await adminOk(env, 'PUT', `/api/mail/messages/${encodeURIComponent(tagged.messageId)}/labels/billing`);

  const page = await adminPage(env);
  await page.goto(`/mail/inboxes/${inbox.id}`);
  await waitUntil(async () => (await subjectsListed(page)).length === 2, { what: 'both threads listed' });
  await page.getByTestId('mail-label-filter').fill('billing');
  await page.getByTestId('mail-label-filter-apply').click();
  await waitUntil(async () => (await subjectsListed(page)).join('|') === 'Invoice 88', { what: 'only the labelled thread' });
  assert.match(new URL(page.url()).search, /label=billing/);
  await item(page, 'Invoice 88').locator('[data-testid="mail-label"][data-label="billing"]').waitFor();

  await page.getByTestId('mail-label-filter').fill('nothing-has-this');
  await page.getByTestId('mail-label-filter-apply').click();
  await page.getByTestId('mail-threads-none-match').waitFor();
  await page.getByTestId('mail-label-filter-clear').click();
  await waitUntil(async () => (await subjectsListed(page)).length === 2, { what: 'both threads again' });
  await page.context().close();
});
