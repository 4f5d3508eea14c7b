// Administration: users, API keys, and who may see it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser } from './support/fixture.mjs';
import { apiCall, apiLogin } from './support/api.mjs';
import { openPage, signIn, signOut } from './support/browser.mjs';
import { adminPassword, adminUsername } from './support/parley-server.mjs';
import { waitUntil } from './support/wait.mjs';

const env = serverAndBrowser();

async function signInAsAdmin() {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);
  return page;
}

test('An admin creates a plain user, who then signs in and sees no Admin area', async () => {
  const page = await signInAsAdmin();
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-users').waitFor();

  const form = page.getByTestId('create-user-form');
  await form.getByLabel('Username').fill('casey');
  await form.getByLabel('Password').fill('casey-first-password-1');
  await form.getByLabel('Display name').fill('Casey Jones');
  await form.getByLabel('Role').selectOption('user');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = page.locator('[data-testid="user-row"][data-username="casey"]');
  await row.waitFor();
  assert.match(await row.textContent(), /Casey Jones/);
  assert.equal(await row.getByLabel('Role of casey').inputValue(), 'user');
  await signOut(page);

  // A new user may have to replace the password an admin chose; signIn handles either case.
  await signIn(page, 'casey', 'casey-first-password-1', { newPassword: 'casey-own-password-2' });
  await page.getByTestId('nav-account').waitFor();
  assert.equal(await page.getByTestId('nav-admin').count(), 0, 'no Admin link for a plain user');

  await page.goto('/admin');
  await page.getByTestId('admin-forbidden').waitFor();
  assert.equal(await page.getByTestId('users-table').count(), 0);
  await page.context().close();
});

test('An API key is shown once on creation, works, and stops working when revoked', async () => {
  const page = await signInAsAdmin();
  await page.goto('/admin/api-keys');
  const form = page.getByTestId('create-api-key-form');
  const permission = form.getByRole('checkbox', { name: 'apikeys.read' });
  await permission.waitFor();

  await form.getByLabel('Name').fill('e2e reader');
  await permission.check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-api-key').textContent()).trim();
  assert.match(key, /^pk_/);
  assert.equal((await apiCall(env.server.url, 'GET', '/api/admin/api-keys', { token: key })).status, 200, 'the key reads API keys');

  const row = page.locator('[data-testid="api-key-row"][data-name="e2e reader"]');
  await row.waitFor();
  assert.doesNotMatch(await row.textContent(), new RegExp(key), 'the list never shows the key itself');
  await row.getByRole('button', { name: 'Revoke key e2e reader' }).click();
  // Shown as revoked, or gone from the list: either way no longer active.
  await waitUntil(async () => {
    const status = await row.getByTestId('api-key-status').allTextContents();
    return status.length === 0 || status[0] === 'Revoked';
  }, { what: 'the key to show as revoked' });
  assert.equal((await apiCall(env.server.url, 'GET', '/api/admin/api-keys', { token: key })).status, 401, 'a revoked key is refused');
  await page.context().close();
});

test('Disabling a user refuses their sign-in until they are enabled again', async () => {
  const admin = await apiLogin(env.server.url, adminUsername, adminPassword);
  const created = await apiCall(env.server.url, 'POST', '/api/admin/users', {
    token: admin.access_token,
    body: { username: 'dana', password: 'dana-password-12345', role: 'user' },
  });
  assert.equal(created.status, 201);

  const page = await signInAsAdmin();
  await page.goto('/admin/users');
  const row = page.locator('[data-testid="user-row"][data-username="dana"]');
  await row.getByRole('button', { name: 'Disable' }).click();
  await row.getByTestId('user-status').filter({ hasText: 'Disabled' }).waitFor();
  const refused = await apiCall(env.server.url, 'POST', '/api/auth/login', { body: { username: 'dana', password: 'dana-password-12345' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'account_disabled');

  await row.getByRole('button', { name: 'Enable' }).click();
  await row.getByTestId('user-status').filter({ hasText: 'Active' }).waitFor();
  const allowed = await apiCall(env.server.url, 'POST', '/api/auth/login', { body: { username: 'dana', password: 'dana-password-12345' } });
  assert.equal(allowed.status, 200);
  await page.context().close();
});
