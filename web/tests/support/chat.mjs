// Arranging chat state through the HTTP API for the Chat area's browser tests.
import { apiCall, apiLogin } from './api.mjs';
import { openPage, signIn } from './browser.mjs';
import { adminPassword, adminUsername } from './parley-server.mjs';

export const userPassword = 'chat-user-password-1';

/** Creates a plain user through the admin API and signs them in; returns { id, username, token }. */
export async function createChatUser(baseUrl, username) {
  const admin = await apiLogin(baseUrl, adminUsername, adminPassword);
  const created = await apiCall(baseUrl, 'POST', '/api/admin/users', {
    token: admin.access_token,
    body: { username, password: userPassword, role: 'user' },
  });
  if (created.status !== 201) throw new Error(`Creating ${username} failed: ${created.status} ${created.text}`);
  const tokens = await apiLogin(baseUrl, username, userPassword);
  return { id: created.body.id, username, token: tokens.access_token };
}

/** Calls the API as `user` and insists on success; returns the JSON body. */
export async function ok(baseUrl, user, method, path, body) {
  const answer = await apiCall(baseUrl, method, path, { token: user.token, body });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}

/**
 * A community of `owner` with one group and one channel that every one of `others` joined (by
 * invite, then the channel): { communityId, channelId }.
 */
export async function sharedChannel(baseUrl, owner, others, name = 'Crew') {
  const community = await ok(baseUrl, owner, 'POST', '/api/chat/communities', { name });
  const group = await ok(baseUrl, owner, 'POST', `/api/chat/communities/${community.id}/groups`, { name: 'General' });
  const channel = await ok(baseUrl, owner, 'POST', `/api/chat/groups/${group.id}/channels`, { name: 'lobby' });
  for (const other of others) {
    const invite = await ok(baseUrl, owner, 'POST', `/api/chat/communities/${community.id}/invites`, {});
    await ok(baseUrl, other, 'POST', `/api/chat/invites/${invite.code}/join`, {});
    await ok(baseUrl, other, 'POST', `/api/chat/channels/${channel.id}/join`, {});
  }
  return { communityId: community.id, channelId: channel.id };
}

/** A page signed in as `user` (own browser context, so own session). */
export async function signedInPage(env, user) {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, user.username, userPassword);
  return page;
}

/** Opens a channel and waits for its history and a live hub connection. */
export async function openChannel(page, communityId, channelId) {
  await page.goto(`/chat/communities/${communityId}/channels/${channelId}`);
  await page.getByTestId('message-list').waitFor();
  await page.getByTestId('hub-status').filter({ hasText: 'Live' }).waitFor();
}

/** The message (in a page or a part of it) whose text is exactly `text`. */
export function messageWithText(scope, text) {
  // `has` takes a locator relative to the outer one, so it is built from the page.
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  return scope.getByTestId('message').filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) });
}

/** Types into the channel's composer and sends with Enter. */
export async function send(page, text) {
  const composer = page.getByTestId('composer').getByRole('textbox');
  await composer.fill(text);
  await composer.press('Enter');
  await messageWithText(page, text).waitFor();
}
