// The Triage dashboard for its own users (Mailpilot's dashboard users, no Parley account) against the real server:
// first-run setup, sign-out, a refused password, sign-in with the accounts page and the live feed (the hub with the
// tds_ token in the query), a session the server ended, a second user created on the users page, and a plain Parley
// user who signs in as a dashboard user. No Triage accounts are configured: nothing here needs Dovecot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall } from './support/api.mjs';
import { openPage, signIn } from './support/browser.mjs';
import { createChatUser, signedInPage } from './support/chat.mjs';
import { serverAndBrowser } from './support/fixture.mjs';
import { adminPassword, adminUsername } from './support/parley-server.mjs';

const env = serverAndBrowser();
const first = { username: 'ops', password: 'first-dashboard-pw' };
const second = { username: 'night-shift', password: 'second-dashboard-pw' };

/** A fresh context (own storage: no Parley session, no dashboard session) at `path`. */
async function anonymousPage(path = '/triage') {
  const page = await openPage(env.browser, env.server.url);
  await page.goto(path);
  return page;
}

async function submitDashboardForm(form, { username, password }) {
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button').click();
}

async function dashboardSignIn(page, credentials) {
  await submitDashboardForm(page.getByTestId('triage-sign-in-form'), credentials);
  await page.getByTestId('triage-signed-in-as').filter({ hasText: credentials.username }).waitFor();
}

const storedSession = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('parley.triage.dashboard_session') ?? 'null'));

test('First-run setup explains itself, refuses a short password under its field, creates the first user and lands in the dashboard', async () => {
  assert.equal((await apiCall(env.server.url, 'GET', '/api/triage/dashboard/setup')).body.needs_setup, true);
  const page = await anonymousPage();
  const form = page.getByTestId('triage-setup-form');
  await form.waitFor();
  assert.match(await page.getByTestId('triage-setup-explained').textContent(), /No dashboard user exists yet/);
  assert.equal(await page.getByTestId('app-shell').count(), 0, 'no Parley frame without a Parley session');

  await submitDashboardForm(form, { username: first.username, password: 'short' });
  const passwordField = form.locator('label', { has: page.locator('input[name="password"]') });
  await passwordField.getByTestId('field-error').filter({ hasText: /at least 8 characters/ }).waitFor();

  await submitDashboardForm(form, first);
  await page.getByTestId('triage-signed-in-as').filter({ hasText: `Dashboard user ${first.username}` }).waitFor();
  await page.getByTestId('triage-accounts').waitFor();
  assert.equal(new URL(page.url()).pathname, '/triage/accounts');

  const session = await storedSession(page);
  assert.match(session.token, /^tds_/, 'the tab keeps the dashboard token in sessionStorage');
  assert.equal(await page.evaluate(() => Object.values(localStorage).some((v) => v.includes('tds_'))), false, 'never in localStorage');
  assert.equal((await apiCall(env.server.url, 'GET', '/api/triage/dashboard/setup')).body.needs_setup, false);

  // Sign-out closes the session on the server too.
  await page.getByTestId('triage-sign-out').click();
  await page.getByTestId('triage-sign-in-form').waitFor();
  assert.equal(await storedSession(page), null);
  assert.equal((await apiCall(env.server.url, 'GET', '/api/triage/dashboard/me', { token: session.token })).status, 401);
  await page.context().close();
});

test('A wrong password shows the refusal and lets nobody in', async () => {
  const page = await anonymousPage();
  await submitDashboardForm(page.getByTestId('triage-sign-in-form'), { username: first.username, password: 'not-the-password' });
  const error = page.getByTestId('triage-sign-in-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-code'), 'invalid_credentials');
  assert.match(await error.textContent(), /username or password is wrong/);
  assert.equal(await page.getByTestId('page-triage').count(), 0);
  await page.context().close();
});

test('A dashboard user signs in, sees the accounts page and the live feed connected; a session the server ended returns to the form', async () => {
  const page = await anonymousPage('/triage/feed');
  await dashboardSignIn(page, first);
  await page.getByTestId('triage-feed-status').filter({ hasText: 'Live' }).waitFor();
  await page.getByTestId('triage-tab-accounts').click();
  await page.getByTestId('triage-accounts-empty').waitFor();

  // A reload keeps the tab's session.
  await page.reload();
  await page.getByTestId('triage-accounts-empty').waitFor();

  // The server forgets the session (as at expiry): the next call is refused and the form says why.
  const { token } = await storedSession(page);
  assert.equal((await apiCall(env.server.url, 'POST', '/api/triage/dashboard/sign-out', { token })).status, 204);
  await page.getByTestId('triage-tab-audit').click();
  await page.getByTestId('triage-session-ended').waitFor();
  await page.getByTestId('triage-sign-in-form').waitFor();
  assert.equal(await storedSession(page), null);
  await page.context().close();
});

test('The users page lists users, shows refusals under their fields, and a second user created there can sign in', async () => {
  const page = await anonymousPage('/triage/users');
  await dashboardSignIn(page, first);
  await page.locator(`[data-testid="triage-user"][data-username="${first.username}"]`).waitFor();

  const form = page.getByTestId('triage-user-form');
  const fieldError = (name) => form.locator('label', { has: page.locator(`input[name="${name}"]`) }).getByTestId('field-error');
  await submitDashboardForm(form, { username: first.username, password: 'long-enough-pw' });
  await fieldError('username').filter({ hasText: 'username_taken' }).waitFor();
  await submitDashboardForm(form, { username: second.username, password: 'short' });
  await fieldError('password').filter({ hasText: /at least 8 characters/ }).waitFor();
  await submitDashboardForm(form, second);
  await page.getByTestId('triage-user-created').waitFor();
  await page.locator(`[data-testid="triage-user"][data-username="${second.username}"]`).waitFor();
  await page.context().close();

  const other = await anonymousPage();
  await dashboardSignIn(other, second);
  await other.getByTestId('triage-accounts').waitFor();
  await other.context().close();
});

test('A plain Parley user is offered the dashboard-user sign-in and uses the dashboard with it; an admin needs none', async () => {
  const user = await createChatUser(env.server.url, 'trsignplain');
  const page = await signedInPage(env, user);
  await page.goto('/triage/accounts');
  await page.getByTestId('triage-not-admin').waitFor();
  assert.equal(await page.getByTestId('app-shell').count(), 1, 'inside the Parley frame');
  await dashboardSignIn(page, second);
  await page.getByTestId('triage-accounts-empty').waitFor();
  await page.context().close();

  const admin = await openPage(env.browser, env.server.url);
  await admin.goto('/sign-in');
  await signIn(admin, adminUsername, adminPassword);
  await admin.goto('/triage/users');
  await admin.locator(`[data-testid="triage-user"][data-username="${second.username}"]`).waitFor();
  assert.equal(await admin.getByTestId('triage-dashboard-sign-in').count(), 0);
  assert.equal(await admin.getByTestId('triage-signed-in-as').count(), 0, 'the admin goes with the Parley session');
  await admin.context().close();
});
