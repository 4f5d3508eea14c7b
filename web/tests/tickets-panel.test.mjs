// The Tickets area's panel parts against a real server, each test at its own desk (its own
// community) so they share one server and one browser: the dashboard's figures, the ticket list's
// filters (kept in the address), a ticket's actions (take/release, move, snippets, anonymous
// replies, close now/later/silently), the transcript exports, the settings lists, API keys, a live
// setting, and what a member who is not staff sees.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { apiCall } from './support/api.mjs';
import { signedInPage } from './support/chat.mjs';
import { serverAndBrowser } from './support/fixture.mjs';
import { channelTexts, deskCall, dmReceives, joinedMember, memberWrites, superAdminPrefix, supportDesk, ticketOpenedBy } from './support/tickets.mjs';
import { waitUntil } from './support/wait.mjs';

const desks = 8;
const serverEnv = Object.fromEntries(Array.from({ length: desks }, (_, i) => [`PARLEY__MODMAIL__SUPERADMINS__${i}`, `${superAdminPrefix}${i + 1}`]));
const env = serverAndBrowser({ serverEnv });

/** The ids of the tickets the list shows, once they are exactly `expected` (in any order). */
async function listShows(page, expected, what) {
  const want = [...expected].sort().join(',');
  let seen = '';
  try {
    await waitUntil(
      async () => {
        const list = page.getByTestId('tickets-list');
        const empty = await page.getByTestId('tickets-empty').isVisible();
        const ids = empty ? [] : await list.getByTestId('ticket-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-ticket-id')));
        seen = ids.sort().join(',');
        return seen === want && (ids.length > 0 || empty);
      },
      { what },
    );
  } catch (failure) {
    throw new Error(`${failure.message} Wanted [${want}], the list showed [${seen}].`);
  }
}

test('The dashboard shows the desk\'s figures, switches its period, and names categories and staff', async () => {
  const url = env.server.url;
  const { owner, moderator, member, communityId, desk } = await supportDesk(url, 1);
  const second = await joinedMember(url, owner, communityId, 'tkdash2');
  const third = await joinedMember(url, owner, communityId, 'tkdash3');
  const billing = await deskCall(url, owner, desk, 'POST', '/categories', { name: 'Billing' });
  const a = await ticketOpenedBy(url, member, moderator, desk, 'I was charged twice');
  await ticketOpenedBy(url, second, moderator, desk, 'Where is my parcel?');
  const c = await ticketOpenedBy(url, third, moderator, desk, 'Please delete my account');
  await deskCall(url, moderator, desk, 'POST', `/tickets/${a.ticket.id}/move`, { category_id: billing.id });
  await deskCall(url, moderator, desk, 'POST', `/tickets/${a.ticket.id}/reply`, { content: 'Refunded, sorry', anonymous: false });
  await deskCall(url, moderator, desk, 'POST', `/tickets/${c.ticket.id}/close`, {});

  const page = await signedInPage(env, moderator);
  await page.goto(`/tickets/${desk.id}`);
  await page.getByTestId('tickets-tab-dashboard').click();
  const dashboard = page.getByTestId('tickets-dashboard');
  await dashboard.getByTestId('tickets-stats').waitFor();
  assert.equal(await dashboard.getByTestId('stat-open').textContent(), '2');
  assert.equal(await dashboard.getByTestId('stat-closed-today').textContent(), '1');
  assert.equal(await dashboard.getByTestId('stat-closed-week').textContent(), '1');
  assert.equal(await dashboard.getByTestId('stat-closed-total').textContent(), '1');
  assert.notEqual(await dashboard.getByTestId('stat-first-response').textContent(), '—');

  // The chart has one day per day of the period (its figures are in a table for screen readers).
  const days = dashboard.getByTestId('tickets-daily-chart').locator('tbody tr');
  await waitUntil(async () => (await days.count()) === 30, { what: '30 days in the chart' });
  for (const period of [7, 90]) {
    await dashboard.getByTestId('tickets-period').selectOption(String(period));
    await waitUntil(async () => (await days.count()) === period, { what: `${period} days in the chart` });
  }
  // The period is in the address: a reload keeps it.
  await page.reload();
  await waitUntil(async () => (await days.count()) === 90, { what: '90 days in the chart after a reload' });
  assert.equal(await dashboard.getByTestId('tickets-period').inputValue(), '90');
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = days.filter({ has: page.locator('th', { hasText: today }) });
  assert.deepEqual(await todayRow.locator('td').allTextContents(), ['3', '1']);

  const byCategory = dashboard.getByTestId('tickets-by-category');
  assert.deepEqual(await byCategory.locator('tr', { hasText: 'Billing' }).locator('td').allTextContents(), ['1']);
  assert.deepEqual(await byCategory.locator('tr', { hasText: 'No category' }).locator('td').allTextContents(), ['2']);
  const leader = dashboard.getByTestId('tickets-leaderboard').locator('tbody tr', { hasText: moderator.username });
  assert.deepEqual(await leader.locator('td').allTextContents(), ['1', '1']);
  await page.context().close();
});

test('The ticket list\'s filters narrow it to the arranged tickets and survive a reload', async () => {
  const url = env.server.url;
  const { owner, moderator, member, communityId, desk } = await supportDesk(url, 2);
  const second = await joinedMember(url, owner, communityId, 'tkfilter2');
  const third = await joinedMember(url, owner, communityId, 'tkfilter3');
  const billing = await deskCall(url, owner, desk, 'POST', '/categories', { name: 'Billing' });
  await deskCall(url, owner, desk, 'POST', '/categories', { name: 'Shipping' });
  // a: in Billing, taken by the owner, awaiting staff; b: answered (not awaiting), nobody's; c: closed.
  const { ticket: a } = await ticketOpenedBy(url, member, moderator, desk, 'Charged twice');
  const { ticket: b } = await ticketOpenedBy(url, second, moderator, desk, 'Parcel late');
  const { ticket: c } = await ticketOpenedBy(url, third, moderator, desk, 'Bye');
  await deskCall(url, owner, desk, 'POST', `/tickets/${a.id}/move`, { category_id: billing.id });
  await deskCall(url, owner, desk, 'POST', `/tickets/${a.id}/take`);
  await deskCall(url, moderator, desk, 'POST', `/tickets/${b.id}/reply`, { content: 'On its way', anonymous: false });
  await deskCall(url, moderator, desk, 'POST', `/tickets/${c.id}/close`, { silent: true });

  const page = await signedInPage(env, owner);
  await page.goto(`/tickets/${desk.id}`);
  const filters = page.getByTestId('tickets-filters');
  await listShows(page, [a.id, b.id], 'the open tickets');

  await filters.getByLabel('Category').selectOption({ label: 'Billing' });
  await listShows(page, [a.id], 'the Billing ticket');
  await filters.getByLabel('Category').selectOption({ label: 'Shipping' });
  await listShows(page, [], 'no Shipping ticket');
  await filters.getByLabel('Category').selectOption({ label: 'Any' });

  await filters.getByLabel('Assignee').selectOption('me');
  await listShows(page, [a.id], 'the ticket the owner took');
  await filters.getByLabel('Assignee').selectOption('none');
  await listShows(page, [b.id], 'the ticket nobody took');
  await filters.getByLabel('Assignee').selectOption('');

  await filters.getByLabel('Transport').selectOption('email');
  await listShows(page, [], 'no email ticket');
  await filters.getByLabel('Transport').selectOption('chat');
  await listShows(page, [a.id, b.id], 'the chat tickets');

  await filters.getByLabel('Awaiting staff').selectOption('true');
  await listShows(page, [a.id], 'the ticket awaiting staff');
  await filters.getByLabel('Awaiting staff').selectOption('false');
  await listShows(page, [b.id], 'the answered ticket');
  await filters.getByLabel('Awaiting staff').selectOption('');

  await filters.getByLabel('Status').selectOption('closed');
  await listShows(page, [c.id], 'the closed ticket');
  await filters.getByLabel('Status').selectOption('all');
  await listShows(page, [a.id, b.id, c.id], 'every ticket');

  // The filters are in the address: a reload (or a shared link) shows the same list.
  await filters.getByLabel('Category').selectOption({ label: 'Billing' });
  await listShows(page, [a.id], 'every Billing ticket');
  await page.reload();
  await listShows(page, [a.id], 'every Billing ticket after a reload');
  assert.equal(await filters.getByLabel('Status').inputValue(), 'all');
  assert.equal(await filters.getByLabel('Category').inputValue(), billing.id);
  // So is a search by the member's name.
  await filters.getByLabel('Category').selectOption({ label: 'Any' });
  await filters.getByRole('searchbox').fill('tkfilter2');
  await filters.getByRole('button', { name: 'Search' }).click();
  await listShows(page, [b.id], 'the ticket of tkfilter2');
  await page.reload();
  await listShows(page, [b.id], 'the ticket of tkfilter2 after a reload');
  assert.equal(await filters.getByRole('searchbox').inputValue(), 'tkfilter2');
  await filters.getByRole('searchbox').fill('');
  await filters.getByRole('button', { name: 'Search' }).click();
  await filters.getByLabel('Category').selectOption({ label: 'Billing' });
  await listShows(page, [a.id], 'every Billing ticket again');
  // Back from a ticket keeps them too.
  await page.locator(`[data-testid="ticket-item"][data-ticket-id="${a.id}"]`).click();
  await page.getByTestId('ticket-view').waitFor();
  await page.goBack();
  await listShows(page, [a.id], 'every Billing ticket after going back');
  await page.context().close();
});

test('A ticket\'s actions: take and release, move, a snippet sent anonymously, close later and cancel, close now and silently', async () => {
  const url = env.server.url;
  const { owner, moderator, member, communityId, desk } = await supportDesk(url, 3);
  const second = await joinedMember(url, owner, communityId, 'tkact2');
  await deskCall(url, owner, desk, 'PATCH', '', { anonymous_name: 'The Crew of Desk 3', closing_message: 'Closing this now, desk 3 says bye' });
  await deskCall(url, owner, desk, 'POST', '/categories', { name: 'Shipping' });
  await deskCall(url, owner, desk, 'POST', '/snippets', { key: 'tkgreet3', content: 'Thanks for waiting, we are on it.' });
  const a = await ticketOpenedBy(url, member, moderator, desk, 'My parcel is lost');
  const b = await ticketOpenedBy(url, second, moderator, desk, 'Never mind');

  // The moderator handles tickets (view_tickets, manage_tickets) without the desk's config permissions.
  const page = await signedInPage(env, moderator);
  await page.goto(`/tickets/${desk.id}/${a.ticket.id}`);
  const view = page.getByTestId('ticket-view');
  const actions = view.getByTestId('ticket-actions');

  // Take: the ticket says who has it; release: nobody again.
  await actions.getByTestId('ticket-take').click();
  await view.getByTestId('ticket-assignee').filter({ hasText: moderator.username }).waitFor();
  await actions.getByTestId('ticket-release').click();
  await view.getByTestId('ticket-assignee').waitFor({ state: 'detached' });
  await actions.getByTestId('ticket-take').waitFor();

  // Move to a category: shown on the ticket, kept by the server.
  await actions.getByTestId('ticket-move').selectOption({ label: 'Shipping' });
  await view.getByTestId('ticket-category').filter({ hasText: 'Shipping' }).waitFor();
  const moved = await deskCall(url, moderator, desk, 'GET', `/tickets/${a.ticket.id}`);
  assert.equal(moved.ticket.category_name, 'Shipping');

  // A snippet fills the reply box; sent anonymously, the member sees the desk's anonymous name.
  await view.getByTestId('ticket-snippet-picker').selectOption('tkgreet3');
  assert.equal(await view.getByTestId('ticket-reply-text').inputValue(), 'Thanks for waiting, we are on it.');
  await view.getByTestId('ticket-reply-anonymous').check();
  await view.getByTestId('ticket-reply-send').click();
  const reply = view.locator('[data-testid="ticket-message"][data-kind="staff"]').filter({ hasText: 'Thanks for waiting' });
  await reply.getByTestId('ticket-message-anonymous').waitFor();
  const dm = await dmReceives(url, member, a.dmChannelId, 'Thanks for waiting, we are on it.');
  const relayed = dm.find((t) => t.includes('Thanks for waiting'));
  assert.match(relayed, /The Crew of Desk 3/);
  assert.doesNotMatch(relayed, new RegExp(moderator.username));

  // Close later: the scheduled close shows; cancelled, it is gone (here and on the server).
  const closeForm = actions.getByTestId('ticket-close-form');
  await closeForm.getByLabel('After').check();
  await closeForm.getByLabel(/Duration/).fill('2h');
  await closeForm.getByTestId('ticket-close').click();
  const scheduled = actions.getByTestId('ticket-scheduled-close');
  await scheduled.waitFor();
  assert.equal((await deskCall(url, moderator, desk, 'GET', '/scheduled-closes')).length, 1);
  await scheduled.getByRole('button', { name: 'Cancel' }).click();
  await scheduled.waitFor({ state: 'detached' });
  assert.equal((await deskCall(url, moderator, desk, 'GET', '/scheduled-closes')).length, 0);
  assert.equal(await view.getByTestId('ticket-status').textContent(), 'open');

  // The other ticket, which the owner took, names who has it. Closed silently first, then the first one
  // now: the closing message reaches only the first member.
  await deskCall(url, owner, desk, 'POST', `/tickets/${b.ticket.id}/take`);
  await page.goto(`/tickets/${desk.id}/${b.ticket.id}`);
  await page.getByTestId('ticket-assignee').filter({ hasText: `Taken by ${owner.username}` }).waitFor();
  const silentForm = page.getByTestId('ticket-close-form');
  await silentForm.getByLabel(/Silently/).check();
  await silentForm.getByTestId('ticket-close').click();
  await page.getByTestId('ticket-view').getByTestId('ticket-status').filter({ hasText: 'closed' }).waitFor();

  await page.goto(`/tickets/${desk.id}/${a.ticket.id}`);
  await page.getByTestId('ticket-close-form').getByTestId('ticket-close').click();
  await page.getByTestId('ticket-view').getByTestId('ticket-status').filter({ hasText: 'closed' }).waitFor();
  await page.getByTestId('ticket-reply-form').waitFor({ state: 'detached' });
  await dmReceives(url, member, a.dmChannelId, 'Closing this now, desk 3 says bye');
  const silentDm = await channelTexts(url, second, b.dmChannelId);
  assert.ok(silentDm.some((t) => t.includes('Never mind')), 'the silent ticket\'s DM is the right channel');
  assert.ok(!silentDm.some((t) => t.includes('desk 3 says bye')), 'a silent close sends no closing message');
  await page.context().close();
});

test('A transcript downloads as JSON and as HTML, where a <script> is only text', async () => {
  const url = env.server.url;
  const { owner, moderator, member, desk } = await supportDesk(url, 4);
  const hostile = '<script>window.pwned = 1</script> & my order <b>42</b>';
  const { ticket } = await ticketOpenedBy(url, member, moderator, desk, hostile);
  await deskCall(url, moderator, desk, 'POST', `/tickets/${ticket.id}/reply`, { content: 'Looking into order 42', anonymous: false });

  const page = await signedInPage(env, owner);
  await page.goto(`/tickets/${desk.id}/${ticket.id}`);
  const actions = page.getByTestId('ticket-actions');
  await page.getByTestId('ticket-transcript').getByTestId('ticket-message').filter({ hasText: 'Looking into order 42' }).waitFor();

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'JSON' }).click()]);
  assert.equal(jsonDownload.suggestedFilename(), `ticket-${ticket.id}.json`);
  const json = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
  const texts = JSON.stringify(json);
  assert.ok(texts.includes(hostile), 'the JSON holds the member\'s message as written');
  assert.ok(texts.includes('Looking into order 42'), 'the JSON holds the staff reply');

  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'HTML' }).click()]);
  assert.equal(htmlDownload.suggestedFilename(), `ticket-${ticket.id}.html`);
  const html = await readFile(await htmlDownload.path(), 'utf8');
  assert.ok(!html.includes('<script>window.pwned'), 'the HTML holds no live script');
  assert.ok(html.includes('&lt;script&gt;'), 'the HTML holds the script as encoded text');
  // Opened in a browser, the message reads as it was written and runs nothing.
  const viewer = await page.context().newPage();
  await viewer.setContent(html);
  assert.ok((await viewer.locator('body').textContent()).includes(hostile));
  assert.equal(await viewer.evaluate(() => window.pwned), undefined);
  assert.ok((await viewer.locator('body').textContent()).includes('Looking into order 42'));
  await page.context().close();
});

test('Settings lists: categories add, edit and remove; snippets; blocks with a duration; grants', async () => {
  const url = env.server.url;
  const { owner, member, desk } = await supportDesk(url, 5);
  const page = await signedInPage(env, owner);
  await page.goto(`/tickets/${desk.id}/settings`);

  // Categories.
  const categories = page.getByTestId('tickets-categories');
  const addCategory = categories.getByRole('form', { name: 'Add a category' });
  await addCategory.getByLabel('Name').fill('Refunds');
  await addCategory.getByLabel('Description').fill('Money back');
  await addCategory.getByRole('button', { name: 'Add category' }).click();
  const refunds = categories.getByTestId('tickets-category-row').filter({ hasText: 'Refunds' });
  await refunds.waitFor();
  await refunds.getByRole('button', { name: 'Edit the category Refunds' }).click();
  const editCategory = categories.getByRole('form', { name: 'Edit the category Refunds' });
  await editCategory.getByLabel('Name').fill('Payments');
  await editCategory.getByLabel('Description').fill('Refunds and invoices');
  await editCategory.getByRole('button', { name: 'Save' }).click();
  const payments = categories.getByTestId('tickets-category-row').filter({ hasText: 'Payments' });
  await payments.filter({ hasText: 'Refunds and invoices' }).waitFor();
  let stored = await deskCall(url, owner, desk, 'GET', '/categories');
  assert.deepEqual(stored.map((c) => [c.name, c.description]), [['Payments', 'Refunds and invoices']]);
  await payments.getByRole('button', { name: 'Remove the category Payments' }).click();
  await payments.waitFor({ state: 'detached' });
  assert.equal((await deskCall(url, owner, desk, 'GET', '/categories')).length, 0);

  // Snippets.
  const snippets = page.getByTestId('tickets-snippets');
  const addSnippet = snippets.getByRole('form', { name: 'Add a snippet' });
  await addSnippet.getByLabel(/Key/).fill('TkRefund5');
  await addSnippet.getByLabel('Text').fill('Your refund is on its way.');
  await addSnippet.getByRole('button', { name: 'Add snippet' }).click();
  const snippet = snippets.getByTestId('tickets-snippet-row').filter({ hasText: 'tkrefund5' });
  await snippet.waitFor();
  stored = await deskCall(url, owner, desk, 'GET', '/snippets');
  assert.equal(stored.find((s) => s.key === 'tkrefund5')?.content, 'Your refund is on its way.');
  await snippet.getByRole('button', { name: 'Remove the snippet tkrefund5' }).click();
  await snippet.waitFor({ state: 'detached' });
  assert.equal((await deskCall(url, owner, desk, 'GET', '/snippets')).some((s) => s.key === 'tkrefund5'), false);

  // Blocks: for a day, then unblocked.
  const blocks = page.getByTestId('tickets-blocks');
  const addBlock = blocks.getByRole('form', { name: 'Block a member' });
  await addBlock.getByLabel('Chat user id or email').fill(member.id);
  await addBlock.getByLabel('Name (optional)').fill(member.username);
  await addBlock.getByLabel(/For/).fill('1d');
  await addBlock.getByRole('button', { name: 'Block' }).click();
  const block = blocks.getByTestId('tickets-block-row').filter({ hasText: member.username });
  await block.waitFor();
  assert.notEqual(await block.locator('td').nth(1).textContent(), 'Forever');
  stored = await deskCall(url, owner, desk, 'GET', '/blocks');
  const until = Date.parse(stored.find((b) => b.user_id === member.id).expires_at);
  assert.ok(Math.abs(until - (Date.now() + 86_400_000)) < 600_000, `blocked until a day from now, not ${new Date(until).toISOString()}`);
  // Blocked, the member's message is refused with a notice; unblocked, it opens a ticket.
  const refused = await memberWrites(url, member, desk, 'Let me in');
  await dmReceives(url, member, refused.channel_id, 'You are blocked from contacting staff here');
  assert.equal((await deskCall(url, owner, desk, 'GET', '/tickets?status=all')).items.length, 0);
  await block.getByRole('button', { name: `Unblock ${member.username}` }).click();
  await block.waitFor({ state: 'detached' });
  assert.equal((await deskCall(url, owner, desk, 'GET', '/blocks')).some((b) => b.user_id === member.id), false);
  await ticketOpenedBy(url, member, owner, desk, 'Let me in, please');

  // Grants: a user by name; the member then holds view_tickets; removed, no longer.
  const grants = page.getByTestId('tickets-grants');
  const grant = grants.getByRole('form', { name: 'Grant a permission' });
  await grant.getByLabel(/^To/).selectOption('user');
  await grant.getByLabel('Username').fill(member.username);
  await grant.getByLabel('Permission').fill('view_tickets');
  await grant.getByRole('button', { name: 'Grant' }).click();
  const row = grants.getByTestId('tickets-grant-row').filter({ hasText: member.username });
  await row.waitFor();
  assert.deepEqual((await deskCall(url, member, desk, 'GET', '/me')).permissions, ['view_tickets']);
  await row.getByRole('button', { name: `Remove view_tickets from ${member.username}` }).click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await apiCall(url, 'GET', `/api/modmail/desks/${desk.id}/tickets`, { token: member.token })).status, 403);
  await page.context().close();
});

test('An API key is shown once, opens tickets until revoked (kept, marked revoked), and deleted is gone', async () => {
  const url = env.server.url;
  const { owner, moderator, member, desk } = await supportDesk(url, 6);
  const page = await signedInPage(env, owner);
  await page.goto(`/tickets/${desk.id}/settings`);
  const keys = page.getByTestId('tickets-api-keys');
  const create = keys.getByRole('form', { name: 'Create an API key' });
  await create.getByLabel('Name').fill('Website form');
  await create.getByRole('button', { name: 'Create key' }).click();
  const key = (await keys.getByTestId('tickets-api-key-value').textContent()).trim();
  assert.match(key, /^mm_/);
  const row = keys.getByTestId('tickets-api-key-row').filter({ hasText: 'Website form' });
  const status = row.getByTestId('tickets-api-key-status');
  await status.filter({ hasText: /^active$/ }).waitFor();

  const external = (content) =>
    apiCall(url, 'POST', '/api/modmail/externals/tickets/create', { headers: { 'X-API-Key': key }, body: { user_id: member.id, content } });
  const opened = await external('Sent from the website form');
  assert.equal(opened.status, 201, opened.text);
  const ticket = await deskCall(url, moderator, desk, 'GET', `/tickets/${opened.body.ticket_id}`);
  assert.equal(ticket.ticket.user_id, member.id);

  // Shown once: after "Done" (or a reload) the key is nowhere on the page.
  await keys.getByTestId('tickets-api-key-created').getByRole('button', { name: 'Done' }).click();
  await page.reload();
  await row.waitFor();
  assert.equal(await keys.getByTestId('tickets-api-key-value').count(), 0);
  assert.ok(!(await page.content()).includes(key), 'the key is not on the page any more');

  await row.getByRole('button', { name: 'Revoke Website form' }).click();
  await status.filter({ hasText: /^revoked$/ }).waitFor();
  assert.equal((await external('Again')).status, 401);
  const listed = await deskCall(url, owner, desk, 'GET', '/api-keys');
  assert.deepEqual(listed.map((k) => [k.name, k.is_active]), [['Website form', false]]);

  await row.getByRole('button', { name: 'Delete Website form' }).click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await deskCall(url, owner, desk, 'GET', '/api-keys')).length, 0);
  await page.context().close();
});

test('A welcome message changed in the settings is what the next new member receives', async () => {
  const url = env.server.url;
  const { owner, communityId, desk } = await supportDesk(url, 7);
  const page = await signedInPage(env, owner);
  await page.goto(`/tickets/${desk.id}/settings`);
  const form = page.getByTestId('tickets-settings-form');
  await form.getByLabel('Welcome message').fill('Welcome to desk 7, a human answers within a day.');
  await form.getByTestId('tickets-settings-save').click();
  await form.getByTestId('tickets-settings-saved').waitFor();
  await page.context().close();

  const newcomer = await joinedMember(url, owner, communityId, 'tkwelcome7');
  const written = await memberWrites(url, newcomer, desk, 'Hi, first time here');
  await dmReceives(url, newcomer, written.channel_id, 'Welcome to desk 7, a human answers within a day.');
});

test('A community member who is not staff sees no tickets: the API refuses and the page says so', async () => {
  const url = env.server.url;
  const { moderator, member, communityId, owner, desk } = await supportDesk(url, 8);
  const other = await joinedMember(url, owner, communityId, 'tkother8');
  const { ticket } = await ticketOpenedBy(url, other, moderator, desk, 'Private matter');
  for (const path of ['/tickets', `/tickets/${ticket.id}`, '/statistics', '/categories', '/api-keys']) {
    const answer = await apiCall(url, 'GET', `/api/modmail/desks/${desk.id}${path}`, { token: member.token });
    assert.equal(answer.status, 403, `${path}: ${answer.status}`);
  }

  const page = await signedInPage(env, member);
  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('tickets-no-desks').waitFor();
  for (const path of ['', '/dashboard', '/settings', `/${ticket.id}`]) {
    await page.goto(`/tickets/${desk.id}${path}`);
    const refused = page.getByTestId('tickets-desk-error');
    await refused.waitFor();
    assert.match(await refused.textContent(), /permission/i, `${path}: ${await refused.textContent()}`);
    assert.equal(await page.getByTestId('ticket-view').count(), 0);
    assert.equal(await page.getByTestId('tickets-list').count(), 0);
    assert.ok(!(await page.content()).includes('Private matter'));
  }
  await page.context().close();
});
