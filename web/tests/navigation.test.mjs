// The signed-in frame: deep links, the module places, reloads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser } from './support/fixture.mjs';
import { openPage, signIn, submitSignIn } from './support/browser.mjs';
import { adminPassword, adminUsername } from './support/parley-server.mjs';

const env = serverAndBrowser();

const pathOf = (page) => new URL(page.url()).pathname;

test('A deep link to the account page asks to sign in, then lands there', async () => {
  const page = await openPage(env.browser, env.server.url);
  const response = await page.goto('/account');
  assert.equal(response.status(), 200, 'the server answers the client route with the app');

  await page.getByTestId('sign-in-form').waitFor();
  await submitSignIn(page, adminUsername, adminPassword);

  await page.getByTestId('page-account').waitFor();
  assert.equal(pathOf(page), '/account');
  assert.equal((await page.getByTestId('profile-username').textContent()).trim(), adminUsername);
  await page.context().close();
});

test('Triage shows its accounts (none here); Chat, Mail and Tickets show their areas', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);

  await page.getByTestId('nav-chat').click();
  await page.getByTestId('page-chat').waitFor();
  await page.getByTestId('chat-home').waitFor();
  assert.equal(pathOf(page), '/chat');

  await page.getByTestId('nav-mail').click();
  await page.getByTestId('page-mail').waitFor();
  await page.getByTestId('mail-sidebar').waitFor();
  assert.equal(pathOf(page), '/mail');

  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('page-tickets').waitFor();
  // The admin holds no panel permission at any desk (and there are none).
  await page.getByTestId('tickets-no-desks').waitFor();
  assert.equal(pathOf(page), '/tickets');
  assert.equal(await page.getByTestId('nav-tickets').getAttribute('aria-current'), 'page');

  await page.getByTestId('nav-triage').click();
  await page.getByTestId('page-triage').waitFor();
  // The Triage area opens on its accounts (none are configured here).
  await page.getByTestId('triage-accounts-empty').waitFor();
  assert.equal(pathOf(page), '/triage/accounts');
  assert.equal(await page.getByTestId('nav-triage').getAttribute('aria-current'), 'page');
  await page.context().close();
});

test('A reload keeps the session, and an unknown address inside the app says so', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);

  await page.goto('/admin/users');
  await page.getByTestId('admin-users').waitFor();
  await page.reload();
  await page.getByTestId('users-table').locator(`[data-username="${adminUsername}"]`).waitFor();

  await page.goto('/no/such/place');
  await page.getByTestId('page-not-found').waitFor();
  await page.context().close();
});
