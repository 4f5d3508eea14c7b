// The Tickets area (Modmail's panel) against a real server: staff see a member's ticket, answer it
// from the panel (the member gets the reply in their DM with the bot) and see the member's next
// message arrive live; a member finds "Contact staff"; the desk's settings show the server's
// validation errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signedInPage } from './support/chat.mjs';
import { serverAndBrowser } from './support/fixture.mjs';
import { channelTexts, memberWrites, openTicketOf, superAdminPrefix, supportDesk } from './support/tickets.mjs';
import { waitUntil } from './support/wait.mjs';

const env = serverAndBrowser({
  serverEnv: { PARLEY__MODMAIL__SUPERADMINS__0: `${superAdminPrefix}1`, PARLEY__MODMAIL__SUPERADMINS__1: `${superAdminPrefix}2` },
});

test('Staff open a ticket in the panel, reply by name, and see the member write again live', async () => {
  const url = env.server.url;
  const { moderator, member, desk } = await supportDesk(url, 1);
  const first = await memberWrites(url, member, desk, 'Hello, my parcel never arrived');
  const dmChannelId = first.channel_id;
  const ticket = await openTicketOf(url, moderator, desk, member);

  const page = await signedInPage(env, moderator);
  await page.getByTestId('nav-tickets').click();
  await page.locator(`[data-testid="tickets-desk-link"][data-desk-id="${desk.id}"]`).click();
  const item = page.locator(`[data-testid="ticket-item"][data-ticket-id="${ticket.id}"]`);
  await item.waitFor();
  assert.equal((await item.getByTestId('ticket-member').textContent()).trim(), member.username);
  await item.getByTestId('ticket-awaiting').waitFor();
  await item.click();

  const view = page.getByTestId('ticket-view');
  await view.waitFor();
  assert.equal(new URL(page.url()).pathname, `/tickets/${desk.id}/${ticket.id}`);
  const transcript = view.getByTestId('ticket-transcript');
  await transcript.getByTestId('ticket-message').filter({ hasText: 'Hello, my parcel never arrived' }).waitFor();
  await view.getByTestId('ticket-live').filter({ hasText: 'Live' }).waitFor();

  // A named reply: numbered, signed with the moderator's name; the member gets it in the DM.
  await view.getByTestId('ticket-reply-text').fill('Sorry about that, I am checking with the courier');
  await view.getByTestId('ticket-reply-send').click();
  const reply = transcript.locator('[data-testid="ticket-message"][data-kind="staff"]').filter({ hasText: 'checking with the courier' });
  await reply.waitFor();
  assert.equal((await reply.getByTestId('ticket-message-number').textContent()).trim(), '#1');
  assert.equal((await reply.getByTestId('ticket-message-author').textContent()).trim(), moderator.username);
  assert.equal(await reply.getByTestId('ticket-message-anonymous').count(), 0);
  await waitUntil(async () => (await channelTexts(url, member, dmChannelId)).some((t) => t.includes('Sorry about that, I am checking with the courier')), {
    what: 'the reply in the member\'s DM',
  });

  // The member writes again (through the API, as from another device): the open page shows it without a reload.
  await memberWrites(url, member, desk, 'The order number is 4711');
  await transcript.locator('[data-testid="ticket-message"][data-kind="member"]').filter({ hasText: 'The order number is 4711' }).waitFor({ timeout: 15_000 });
  await page.context().close();
});

test('A member finds "Contact staff" in the community; the desk settings show what the server refuses', async () => {
  const url = env.server.url;
  const { owner, member, communityId, desk } = await supportDesk(url, 2);

  const memberPage = await signedInPage(env, member);
  await memberPage.goto(`/chat/communities/${communityId}`);
  await memberPage.getByTestId('contact-staff').click();
  await memberPage.waitForURL((u) => u.pathname.startsWith('/chat/dms/'));
  await memberPage.getByTestId('message-list').waitFor();
  await memberPage.context().close();

  const ownerPage = await signedInPage(env, owner);
  await ownerPage.goto(`/tickets/${desk.id}/settings`);
  const form = ownerPage.getByTestId('tickets-settings-form');
  await form.getByLabel('Command prefix').fill('no spaces');
  await form.getByTestId('tickets-settings-save').click();
  await form.getByTestId('field-error').filter({ hasText: 'no spaces' }).waitFor();
  await form.getByLabel('Command prefix').fill('?');
  await form.getByLabel('Status text').fill('Back on Monday');
  await form.getByTestId('tickets-settings-save').click();
  await form.getByTestId('tickets-settings-saved').waitFor();
  await ownerPage.context().close();
});
