// Signing in: wrong passwords, and two-factor from enabling it to using it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser } from './support/fixture.mjs';
import { apiCall } from './support/api.mjs';
import { openPage, signIn, signOut, submitSignIn } from './support/browser.mjs';
import { adminPassword, adminUsername } from './support/parley-server.mjs';
import { timeStep, totp } from './support/totp.mjs';
import { waitUntil } from './support/wait.mjs';

const env = serverAndBrowser();

test('A wrong password shows the server\'s explanation and stays on the sign-in page', async () => {
  const expected = await apiCall(env.server.url, 'POST', '/api/auth/login', { body: { username: adminUsername, password: 'not-the-password' } });
  assert.equal(expected.status, 401);
  assert.equal(expected.body.code, 'invalid_credentials');

  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await submitSignIn(page, adminUsername, 'not-the-password');

  const error = page.getByTestId('sign-in-error');
  await error.waitFor();
  assert.equal((await error.textContent()).trim(), expected.body.detail);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(await page.getByTestId('app-shell').count(), 0);
  await page.context().close();
});

async function enterCode(page, code) {
  const form = page.getByTestId('totp-form');
  await form.getByLabel('Authentication code').fill(code);
  await form.getByRole('button', { name: 'Verify' }).click();
}

test('Two-factor: enable it, sign in with a backup code, then with a fresh TOTP code, and find it in the audit log', { timeout: 180_000 }, async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);

  // Enable: the page shows the secret; the test is the authenticator app.
  await page.getByTestId('nav-account').click();
  await page.getByTestId('page-account').waitFor();
  await page.getByRole('button', { name: 'Set up two-factor' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]+=*$/i, 'a base32 secret');
  assert.match(await page.getByTestId('totp-uri').textContent(), /^otpauth:\/\/totp\//);
  const enabledAt = Date.now();
  const form = page.getByTestId('totp-enable-form');
  await form.getByLabel('Code from the app').fill(totp(secret, { timeMs: enabledAt }));
  await form.getByRole('button', { name: 'Turn on' }).click();

  const codes = page.getByTestId('backup-codes').locator('li');
  await page.getByTestId('backup-codes').waitFor();
  const backupCodes = (await codes.allTextContents()).map((code) => code.trim());
  assert.equal(backupCodes.length, 8);
  assert.equal(new Set(backupCodes).size, 8, 'the backup codes differ');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await page.getByTestId('totp-status').filter({ hasText: 'On' }).waitFor();

  // Second sign-in: the password is not enough any more; a backup code completes it.
  await signOut(page);
  await submitSignIn(page, adminUsername, adminPassword);
  await page.getByTestId('totp-form').waitFor();
  await enterCode(page, backupCodes[0]);
  await page.getByTestId('app-shell').waitFor();

  // Third sign-in with a TOTP code from a later time step than the one that enabled it, so it is no replay.
  await signOut(page);
  await waitUntil(() => timeStep() > timeStep(enabledAt), { timeoutMs: 35_000, intervalMs: 200, what: 'the next TOTP time step' });
  await submitSignIn(page, adminUsername, adminPassword);
  await page.getByTestId('totp-form').waitFor();
  await enterCode(page, totp(secret));
  await page.getByTestId('app-shell').waitFor();

  // The audit log shows the change, unfiltered and under its own action filter.
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-tab-audit').click();
  const enabledRow = page.locator('[data-testid="audit-row"][data-action="auth.totp_enabled"]');
  await enabledRow.first().waitFor();
  await page.getByTestId('audit-action-filter').selectOption('auth.totp_enabled');
  await waitUntil(async () => {
    const actions = await page.getByTestId('audit-action').allTextContents();
    return actions.length > 0 && actions.every((action) => action === 'auth.totp_enabled');
  }, { what: 'the audit log filtered to auth.totp_enabled' });
  assert.match(await enabledRow.first().textContent(), new RegExp(adminUsername));
  await page.context().close();
});
