// The Chat area: live conversation between two browsers, structure and invites, editing, replies,
// infinite scroll, direct messages, and the panels over the real server: pins, polls, files,
// bookmarks and moderation (timeouts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { apiCall } from './support/api.mjs';
import { createChatUser, messageWithText, ok, openChannel, send, sharedChannel, signedInPage } from './support/chat.mjs';
import { serverAndBrowser } from './support/fixture.mjs';
import { waitUntil } from './support/wait.mjs';

const env = serverAndBrowser();
let counter = 0;
/** Fresh user names per test, so tests share the server without seeing each other's state. */
const users = async (...names) => {
  counter += 1;
  return Promise.all(names.map((n) => createChatUser(env.server.url, `${n}${counter}`)));
};

test('Two signed-in users exchange messages and see reactions and typing live', async (t) => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);

  await send(alicePage, 'hello bob, this is live');
  const onBob = messageWithText(bobPage, 'hello bob, this is live');
  await onBob.waitFor();
  assert.equal((await onBob.getByTestId('message-sender').textContent()).trim(), alice.username);

  // Alice types; Bob sees it without anything being sent.
  await alicePage.getByTestId('composer').getByRole('textbox').pressSequentially('still typ');
  await bobPage.getByTestId('typing-indicator').filter({ hasText: `${alice.username} is typing` }).waitFor();

  const probe = await apiCall(env.server.url, 'GET', `/api/chat/channels/${channelId}/messages?limit=1`, { token: bob.token });
  if (!probe.body.messages[0] || !('reactions' in probe.body.messages[0])) {
    t.diagnostic('this server has no reactions yet: the reaction part is skipped');
  } else {
    await onBob.getByRole('button', { name: 'Add reaction' }).click();
    await onBob.getByRole('menuitem', { name: 'React 👍' }).click();
    const onAlice = messageWithText(alicePage, 'hello bob, this is live');
    await onAlice.locator('[data-testid="reaction"][data-emoji="👍"]').getByTestId('reaction-count').filter({ hasText: '1' }).waitFor();
    // Bob's own view marks the reaction as his.
    await onBob.locator('[data-testid="reaction"][data-emoji="👍"][aria-pressed="true"]').waitFor();
  }
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A community, group and channel are created in the app; a second user joins by invite link', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const alicePage = await signedInPage(env, alice);
  await alicePage.goto('/chat');
  await alicePage.getByTestId('create-community-form').getByRole('textbox').fill('Makers');
  await alicePage.getByTestId('create-community-form').getByRole('button', { name: 'Create' }).click();
  await alicePage.getByTestId('community-tree').waitFor();
  await alicePage.getByTestId('create-group-form').getByRole('textbox').fill('Projects');
  await alicePage.getByTestId('create-group-form').getByRole('button').click();
  const group = alicePage.locator('[data-testid="group"][data-name="Projects"]');
  await group.getByTestId('create-channel-form').getByRole('textbox').fill('robots');
  await group.getByTestId('create-channel-form').getByRole('button').click();
  await alicePage.getByTestId('channel-title').filter({ hasText: '# robots' }).waitFor();
  await send(alicePage, 'first post in robots');

  await alicePage.getByTestId('community-settings-link').click();
  await alicePage.getByTestId('create-invite').click();
  const link = (await alicePage.getByTestId('invite-link').textContent()).trim();
  assert.match(link, /\/chat\/invite\/\S+$/);

  const bobPage = await signedInPage(env, bob);
  await bobPage.goto(new URL(link).pathname);
  await bobPage.getByRole('button', { name: 'Join community' }).click();
  await bobPage.getByTestId('community-tree').waitFor();
  await bobPage.locator('[data-testid="channel-link"][data-name="robots"]').click();
  await bobPage.getByTestId('join-channel').getByRole('button', { name: 'Join channel' }).click();
  await messageWithText(bobPage, 'first post in robots').waitFor();
  await send(bobPage, 'bob was here');

  // Alice sees Bob among the members.
  await alicePage.reload();
  await alicePage.locator(`[data-testid="member-row"][data-username="${bob.username}"]`).waitFor();
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A message is edited and deleted, and the other user sees both live', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);

  await send(alicePage, 'a typo heer');
  const id = await messageWithText(alicePage, 'a typo heer').getAttribute('data-message-id');
  const mine = alicePage.locator(`[data-testid="message"][data-message-id="${id}"]`);
  await mine.getByRole('button', { name: 'Edit' }).click();
  await mine.getByLabel('Edit message').fill('a typo here');
  await mine.getByRole('button', { name: 'Save' }).click();
  const edited = messageWithText(bobPage, 'a typo here');
  await edited.getByTestId('edited-mark').waitFor();

  const message = mine;
  await message.getByRole('button', { name: 'Delete' }).click();
  await message.getByRole('button', { name: 'Confirm delete' }).click();
  await bobPage.locator(`[data-message-id="${id}"]`).getByText('This message was deleted.').waitFor();
  assert.equal(await messageWithText(bobPage, 'a typo here').count(), 0);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A reply shows what it answers', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  await ok(env.server.url, bob, 'POST', `/api/chat/channels/${channelId}/messages`, { plaintext: 'who wants tea?', idempotency_key: 'tea-1' });
  const page = await signedInPage(env, alice);
  await openChannel(page, communityId, channelId);
  await messageWithText(page, 'who wants tea?').getByRole('button', { name: 'Reply' }).click();
  await page.getByTestId('replying-to').filter({ hasText: 'who wants tea?' }).waitFor();
  await send(page, 'me, please');
  const reply = messageWithText(page, 'me, please');
  await reply.getByTestId('reply-context').filter({ hasText: 'who wants tea?' }).waitFor();
  const stored = await ok(env.server.url, alice, 'GET', `/api/chat/messages/${await reply.getAttribute('data-message-id')}`);
  assert.ok(stored.reply_to_id, 'the reply is stored as a reply');
  assert.equal(await page.getByTestId('replying-to').count(), 0, 'the composer is back to normal');
  await page.context().close();
});

test('Scrolling up loads older messages until the start of the channel', async () => {
  const [alice] = await users('alice');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, []);
  for (let i = 1; i <= 120; i += 1) {
    await ok(env.server.url, alice, 'POST', `/api/chat/channels/${channelId}/messages`, { plaintext: `seed ${i}`, idempotency_key: `seed-${i}` });
  }
  const page = await signedInPage(env, alice);
  await openChannel(page, communityId, channelId);
  await messageWithText(page, 'seed 120').waitFor();
  assert.equal(await messageWithText(page, 'seed 1').count(), 0, 'only the newest page is loaded at first');
  assert.equal(await page.getByTestId('message').count(), 50);

  const list = page.getByTestId('message-list');
  await waitUntil(
    async () => {
      await list.evaluate((element) => {
        element.scrollTop = 0;
        element.dispatchEvent(new Event('scroll'));
      });
      return (await page.getByTestId('history-start').count()) > 0;
    },
    { what: 'the start of the history', timeoutMs: 15_000, intervalMs: 250 },
  );
  await messageWithText(page, 'seed 1').waitFor();
  assert.equal(await page.getByTestId('message').count(), 120);
  await page.context().close();
});

test('The first message to someone opens the DM, and it appears live on their side', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const bobPage = await signedInPage(env, bob);
  await bobPage.goto('/chat');
  await bobPage.getByTestId('hub-status').filter({ hasText: 'Live' }).waitFor();

  const alicePage = await signedInPage(env, alice);
  await alicePage.goto('/chat');
  await alicePage.getByTestId('open-dm-form').getByRole('textbox').fill(bob.username);
  await alicePage.getByTestId('open-dm-form').getByRole('button', { name: 'Message' }).click();
  await alicePage.getByTestId('new-dm').waitFor();
  await alicePage.getByTestId('channel-title').filter({ hasText: bob.username }).waitFor();
  // Looking someone up opens nothing: no DM exists until the first message.
  assert.deepEqual(await ok(env.server.url, alice, 'GET', '/api/chat/dms'), []);
  await send(alicePage, 'psst, bob');
  await alicePage.getByTestId('channel-view').waitFor();
  await messageWithText(alicePage, 'psst, bob').waitFor();
  await alicePage.locator(`[data-testid="dm-link"][data-user="${bob.username}"]`).waitFor();

  // Bob did not reload: dm.opened put the conversation in his sidebar.
  await bobPage.locator(`[data-testid="dm-link"][data-user="${alice.username}"]`).click();
  await messageWithText(bobPage, 'psst, bob').waitFor();
  await send(bobPage, 'hi alice');
  await messageWithText(alicePage, 'hi alice').waitFor();

  // Looking bob up again goes to the existing DM.
  await alicePage.goto('/chat');
  await alicePage.getByTestId('open-dm-form').getByRole('textbox').fill(bob.username);
  await alicePage.getByTestId('open-dm-form').getByRole('button', { name: 'Message' }).click();
  await messageWithText(alicePage, 'hi alice').waitFor();
  await alicePage.context().close();
  await bobPage.context().close();
});

test('Panels whose server part is missing say so instead of breaking the page', async () => {
  const [alice] = await users('alice');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, []);
  const page = await signedInPage(env, alice);
  // The server has these endpoints now; answer as an older server without them would.
  const missing = (route) =>
    route.fulfill({
      status: 404,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }),
    });
  await page.route(`**/api/chat/channels/${channelId}/pins`, missing);
  await page.route(`**/api/chat/channels/${channelId}/polls`, missing);
  await openChannel(page, communityId, channelId);
  for (const [button, panel] of [['Pins', 'pins-panel'], ['Polls', 'polls-panel']]) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByTestId(panel).getByTestId('panel-unavailable').waitFor();
    await page.getByTestId(panel).getByRole('button', { name: 'Close' }).click();
    await page.getByTestId(panel).waitFor({ state: 'detached' });
  }
  await send(page, 'still works');
  await page.context().close();
});

test('A thread opens beside the channel; its replies arrive live and count on the root', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  await ok(env.server.url, alice, 'POST', `/api/chat/channels/${channelId}/messages`, { plaintext: 'plan for friday', idempotency_key: 'root-1' });
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);

  await messageWithText(alicePage, 'plan for friday').getByTestId('open-thread').click();
  await messageWithText(bobPage, 'plan for friday').getByTestId('open-thread').click();
  const aliceThread = alicePage.getByTestId('thread-panel');
  const composer = aliceThread.getByTestId('thread-composer').getByRole('textbox');
  await composer.fill('I bring snacks');
  await composer.press('Enter');
  await bobPage.getByTestId('thread-messages').getByText('I bring snacks', { exact: true }).waitFor();
  assert.equal(await messageWithText(bobPage.getByTestId('message-list'), 'I bring snacks').count(), 0, 'thread replies stay out of the channel list');
  await bobPage.getByTestId('message-list').getByTestId('open-thread').filter({ hasText: 'Thread (1)' }).waitFor();
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A mention shows up live in the sidebar and leads to its channel', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  await alicePage.goto('/chat');
  await alicePage.getByTestId('hub-status').filter({ hasText: 'Live' }).waitFor();

  await ok(env.server.url, bob, 'POST', `/api/chat/channels/${channelId}/messages`, { plaintext: `@${alice.username} look at this`, idempotency_key: 'mention-1' });
  const mention = alicePage.getByTestId('mentions').getByRole('link', { name: /look at this/ });
  await mention.click();
  await alicePage.waitForURL(`**/chat/communities/${communityId}/channels/${channelId}`);
  await messageWithText(alicePage, `@${alice.username} look at this`).locator('.mention-me').waitFor();
  await alicePage.context().close();
});

test('Staff set a topic and read-only mode; members then cannot post', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  await openChannel(alicePage, communityId, channelId);
  await alicePage.getByRole('button', { name: 'Moderate' }).click();
  const form = alicePage.getByTestId('channel-settings-form');
  await form.getByLabel('Topic').fill('Build day');
  await form.getByLabel(/Read-only/).check();
  await form.getByRole('button', { name: 'Save channel' }).click();
  await form.getByRole('status').filter({ hasText: 'Channel saved.' }).waitFor();
  await alicePage.getByTestId('channel-view').getByText('Build day').waitFor();

  const bobPage = await signedInPage(env, bob);
  await openChannel(bobPage, communityId, channelId);
  await bobPage.getByTestId('composer-disabled').filter({ hasText: 'read-only' }).waitFor();
  assert.equal(await bobPage.getByRole('button', { name: 'Moderate' }).count(), 0, 'members see no moderation');
  const refused = await apiCall(env.server.url, 'POST', `/api/chat/channels/${channelId}/messages`, { token: bob.token, body: { plaintext: 'sneaky' } });
  assert.equal(refused.status, 403);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('Staff pin a message and members see it in the pins panel', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);
  await send(bobPage, 'the wifi password is on the fridge');

  // Bob keeps the panel open: the pin arrives live.
  await bobPage.getByRole('button', { name: 'Pins', exact: true }).click();
  const bobPins = bobPage.getByTestId('pins-panel');
  await bobPins.getByText('Nothing pinned yet.').waitFor();

  const onAlice = messageWithText(alicePage, 'the wifi password is on the fridge');
  await onAlice.waitFor();
  await onAlice.getByRole('button', { name: 'Pin', exact: true }).click();
  await onAlice.getByRole('status').filter({ hasText: 'Pinned.' }).waitFor();

  const pin = bobPins.getByTestId('pin').filter({ hasText: 'the wifi password is on the fridge' });
  await pin.filter({ hasText: `pinned by ${alice.username}` }).waitFor();
  assert.equal(await bobPins.getByTestId('panel-unavailable').count(), 0);

  // Alice sees it too when she opens the panel, and unpins it.
  await alicePage.getByRole('button', { name: 'Pins', exact: true }).click();
  const alicePin = alicePage.getByTestId('pins-panel').getByTestId('pin').filter({ hasText: 'the wifi password is on the fridge' });
  await alicePin.getByRole('button', { name: 'Unpin' }).click();
  await alicePin.waitFor({ state: 'detached' });
  await pin.waitFor({ state: 'detached' });
  const pins = await ok(env.server.url, bob, 'GET', `/api/chat/channels/${channelId}/pins`);
  assert.equal(pins.length, 0);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A poll is created in the panel, voted on, and both users see the totals', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);
  await alicePage.getByRole('button', { name: 'Polls', exact: true }).click();
  await bobPage.getByRole('button', { name: 'Polls', exact: true }).click();
  const alicePanel = alicePage.getByTestId('polls-panel');
  const bobPanel = bobPage.getByTestId('polls-panel');

  await alicePanel.getByLabel('Question').fill('Lunch?');
  await alicePanel.getByLabel('Options (one a line)').fill('pizza\nsushi\nsalad');
  await alicePanel.getByRole('button', { name: 'Create poll' }).click();

  const option = (panel, name) =>
    panel.getByTestId('poll').filter({ hasText: 'Lunch?' }).locator(`[data-testid="poll-option"][data-option="${name}"]`);
  // Bob sees the new poll live and votes sushi; Alice votes sushi too.
  await option(bobPanel, 'sushi').getByRole('button').click();
  await option(bobPanel, 'sushi').getByTestId('poll-total').filter({ hasText: /^1$/ }).waitFor();
  await option(bobPanel, 'sushi').getByRole('button', { name: '☑ sushi' }).waitFor();
  await option(alicePanel, 'sushi').getByTestId('poll-total').filter({ hasText: /^1$/ }).waitFor();
  await option(alicePanel, 'pizza').getByRole('button').click();
  await option(bobPanel, 'pizza').getByTestId('poll-total').filter({ hasText: /^1$/ }).waitFor();
  // Bob changes his mind: his vote moves, it does not add up.
  await option(bobPanel, 'pizza').getByRole('button').click();
  await option(alicePanel, 'pizza').getByTestId('poll-total').filter({ hasText: /^2$/ }).waitFor();
  await option(alicePanel, 'sushi').getByTestId('poll-total').filter({ hasText: /^0$/ }).waitFor();

  const [poll] = await ok(env.server.url, alice, 'GET', `/api/chat/channels/${channelId}/polls`);
  assert.deepEqual(poll.totals, [2, 0, 0]);
  assert.deepEqual(poll.my_votes, [0]);

  await alicePanel.getByTestId('poll').filter({ hasText: 'Lunch?' }).getByRole('button', { name: 'Close poll' }).click();
  await bobPanel.getByTestId('poll').filter({ hasText: 'Lunch?' }).getByText('(closed)').waitFor();
  assert.equal(await option(bobPanel, 'salad').getByRole('button').isDisabled(), true);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A file attached in the composer reaches the other user, who downloads it', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);

  const content = 'packing list\n- tent\n- stove\n';
  await alicePage.getByTestId('composer').locator('input[type="file"]').setInputFiles({
    name: 'packing.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(content, 'utf8'),
  });
  await alicePage.getByTestId('attached-file').filter({ hasText: 'packing.txt' }).waitFor();
  await send(alicePage, 'the list for saturday');
  // The composer clears its attachment once the server has accepted the message, which may be after the message shows.
  await alicePage.getByTestId('attached-file').waitFor({ state: 'detached' });
  await messageWithText(alicePage, 'the list for saturday').getByTestId('message-file').filter({ hasText: 'packing.txt' }).waitFor();

  const onBob = messageWithText(bobPage, 'the list for saturday');
  const file = onBob.getByTestId('message-file').filter({ hasText: 'packing.txt' });
  await file.waitFor();
  const [download] = await Promise.all([bobPage.waitForEvent('download'), file.click()]);
  assert.equal(download.suggestedFilename(), 'packing.txt');
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  assert.equal(Buffer.concat(chunks).toString('utf8'), content);
  assert.equal(await onBob.getByRole('alert').count(), 0);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('A bookmarked message shows on the bookmarks page', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  await ok(env.server.url, alice, 'POST', `/api/chat/channels/${channelId}/messages`, { plaintext: 'remember the milk', idempotency_key: 'milk-1' });
  const page = await signedInPage(env, bob);
  await openChannel(page, communityId, channelId);
  const message = messageWithText(page, 'remember the milk');
  await message.getByRole('button', { name: 'Bookmark' }).click();
  await message.getByRole('status').filter({ hasText: 'Bookmarked.' }).waitFor();

  await page.getByTestId('bookmarks-link').click();
  await page.waitForURL('**/chat/bookmarks');
  const bookmark = page.getByTestId('bookmarks-page').getByTestId('bookmark').filter({ hasText: 'remember the milk' });
  await bookmark.filter({ hasText: alice.username }).waitFor();
  assert.equal(await page.getByTestId('panel-unavailable').count(), 0);

  // The link leads back to the channel.
  await bookmark.getByRole('link').click();
  await page.waitForURL(`**/chat/communities/${communityId}/channels/${channelId}`);
  await messageWithText(page, 'remember the milk').waitFor();

  await page.getByTestId('bookmarks-link').click();
  await bookmark.getByRole('button', { name: 'Remove' }).click();
  await bookmark.waitFor({ state: 'detached' });
  assert.deepEqual(await ok(env.server.url, bob, 'GET', '/api/chat/bookmarks'), []);
  await page.context().close();
});

test('A moderator times a member out from the panel; the member is then refused with a visible message', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  const alicePage = await signedInPage(env, alice);
  const bobPage = await signedInPage(env, bob);
  await openChannel(alicePage, communityId, channelId);
  await openChannel(bobPage, communityId, channelId);
  await send(bobPage, 'before the timeout');

  await alicePage.getByRole('button', { name: 'Moderate' }).click();
  const panel = alicePage.getByTestId('moderation-panel');
  await panel.getByLabel('Reason').fill('cool down');
  const row = panel.getByTestId('moderation-member').filter({ hasText: bob.username });
  await row.getByRole('button', { name: 'Time out 10 min' }).click();
  await panel.getByRole('status').filter({ hasText: `${bob.username} is timed out for 10 minutes.` }).waitFor();
  assert.equal(await panel.getByRole('alert').count(), 0);

  const timeouts = await ok(env.server.url, alice, 'GET', `/api/chat/channels/${channelId}/timeouts`);
  assert.equal(timeouts.length, 1);
  assert.equal(timeouts[0].user_id, bob.id);
  assert.equal(timeouts[0].reason, 'cool down');

  const composer = bobPage.getByTestId('composer').getByRole('textbox');
  await composer.fill('after the timeout');
  await composer.press('Enter');
  await bobPage.getByTestId('composer-error').filter({ hasText: /timed out/i }).waitFor();
  assert.equal(await messageWithText(bobPage, 'after the timeout').count(), 0);
  assert.equal(await messageWithText(alicePage, 'after the timeout').count(), 0);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('An admin makes a member channel admin in the panel; the new admin then posts in a read-only channel', async () => {
  const [alice, bob] = await users('alice', 'bob');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bob]);
  await ok(env.server.url, alice, 'PATCH', `/api/chat/channels/${channelId}`, { read_only: true });
  const bobPage = await signedInPage(env, bob);
  await openChannel(bobPage, communityId, channelId);
  await bobPage.getByTestId('composer-disabled').filter({ hasText: 'read-only' }).waitFor();

  const alicePage = await signedInPage(env, alice);
  await openChannel(alicePage, communityId, channelId);
  await alicePage.getByRole('button', { name: 'Moderate' }).click();
  const panel = alicePage.getByTestId('moderation-panel');
  const row = panel.locator(`[data-testid="moderation-member"][data-user="${bob.username}"]`);
  await row.getByRole('button', { name: 'Make channel admin' }).click();
  await panel.getByRole('status').filter({ hasText: `${bob.username} is now a channel admin.` }).waitFor();
  await row.getByTestId('member-role').filter({ hasText: 'admin' }).waitFor();
  const members = await ok(env.server.url, alice, 'GET', `/api/chat/channels/${channelId}/members`);
  assert.equal(members.find((m) => m.user_id === bob.id).role, 'admin');

  // Bob's open channel learns of it live (channel.member_updated): the composer comes back.
  await send(bobPage, 'channel admins may post here');
  await messageWithText(alicePage, 'channel admins may post here').waitFor();

  await row.getByRole('button', { name: 'Remove channel admin' }).click();
  await panel.getByRole('status').filter({ hasText: `${bob.username} is no longer a channel admin.` }).waitFor();
  await bobPage.getByTestId('composer-disabled').filter({ hasText: 'read-only' }).waitFor();
  await alicePage.context().close();
  await bobPage.context().close();
});

/** Runs SQL on one of the server's SQLite files: for state only the server makes (private channels, bots). */
const sql = (database, statement) => execFileSync('sqlite3', [path.join(env.server.dataDirectory, database), statement]);

test("A private channel is listed with a lock to its members only, and a bot's name carries BOT", async () => {
  const [alice, bot, carol] = await users('alice', 'bot', 'carol');
  const { communityId, channelId } = await sharedChannel(env.server.url, alice, [bot]);
  const invite = await ok(env.server.url, alice, 'POST', `/api/chat/communities/${communityId}/invites`, {});
  await ok(env.server.url, carol, 'POST', `/api/chat/invites/${invite.code}/join`, {});
  await ok(env.server.url, bot, 'POST', `/api/chat/channels/${channelId}/messages`, { plaintext: 'How can we help?' });
  // No API makes a channel private or an account a bot (Modmail's server side does): the test writes the rows.
  sql('chat.db', `UPDATE channels SET is_private = 1 WHERE lower(id) = lower('${channelId}')`);
  sql('core.db', `UPDATE users SET is_bot = 1 WHERE lower(id) = lower('${bot.id}')`);

  const alicePage = await signedInPage(env, alice);
  await openChannel(alicePage, communityId, channelId);
  await alicePage.locator('[data-testid="channel-link"][data-name="lobby"]').getByTestId('private-channel').waitFor();
  await messageWithText(alicePage, 'How can we help?').getByTestId('bot-badge').filter({ hasText: 'BOT' }).waitFor();

  // Carol is in the community, not in the channel: it is not listed, and opening it offers no join.
  const carolPage = await signedInPage(env, carol);
  await carolPage.goto(`/chat/communities/${communityId}`);
  await carolPage.locator('[data-testid="group"][data-name="General"]').waitFor();
  assert.equal(await carolPage.getByTestId('channel-link').count(), 0);
  await carolPage.goto(`/chat/communities/${communityId}/channels/${channelId}`);
  await carolPage.getByRole('alert').filter({ hasText: 'No such channel' }).waitFor();
  assert.equal(await carolPage.getByTestId('join-channel').count(), 0);
  await alicePage.context().close();
  await carolPage.context().close();
});
