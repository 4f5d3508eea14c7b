// Debian's Chromium driven by playwright-core (no browser download), and the steps every test shares.
import { chromium } from 'playwright-core';

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own storage, so its own session) and page with sane timeouts. */
export async function openPage(browser, baseUrl) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  return page;
}

/** Fills and submits the sign-in form the page shows; does not wait for the outcome. */
export async function submitSignIn(page, username, password) {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in with a password and waits for the app to show; changes the password first if asked. */
export async function signIn(page, username, password, { newPassword } = {}) {
  await submitSignIn(page, username, password);
  const landed = page.getByTestId('app-shell').or(page.getByTestId('must-change-password'));
  await landed.first().waitFor();
  if (await page.getByTestId('must-change-password').isVisible()) {
    if (!newPassword) throw new Error(`${username} must change the password; pass newPassword.`);
    await changePassword(page, password, newPassword);
    await page.getByTestId('app-shell').waitFor();
  }
}

export async function changePassword(page, current, next) {
  const form = page.getByTestId('password-form');
  await form.getByLabel('Current password').fill(current);
  await form.getByLabel('New password', { exact: true }).fill(next);
  await form.getByLabel('Confirm new password').fill(next);
  await form.getByRole('button', { name: 'Change password' }).click();
}

export async function signOut(page) {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-form').waitFor();
}
