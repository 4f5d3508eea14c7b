// The API client's token handling, run on the app's own TypeScript through Vite's module runner.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import { runnerImport } from 'vite';

const webRoot = fileURLToPath(new URL('../', import.meta.url));
const { module: client } = await runnerImport('/src/api/ApiClient.ts', { root: webRoot, configFile: false, logLevel: 'silent' });
const { ApiClient } = client;

const json = (status, body) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const user = { id: 1, username: 'admin', display_name: null, email: null, role: 'owner', totp_enabled: false, password_must_change: false, created_at: '2026-01-01T00:00:00Z' };

/** A fake server: access tokens `a<n>` pair with refresh tokens `r<n>`; only the newest pair is valid. */
function fakeServer() {
  const server = { generation: 1, refreshCalls: 0, calls: [], releaseRefresh: null };
  server.fetch = async (url, init) => {
    const body = init.body ? JSON.parse(init.body) : undefined;
    const authorization = new Headers(init.headers).get('Authorization');
    server.calls.push({ url, method: init.method, authorization, body });
    if (url === '/api/auth/refresh') {
      server.refreshCalls++;
      if (body.refresh_token !== `r${server.generation}`) {
        return json(401, { code: 'refresh_token_reused', detail: 'This refresh token was already used.' });
      }
      if (server.releaseRefresh) await server.releaseRefresh;
      server.generation++;
      return json(200, { access_token: `a${server.generation}`, refresh_token: `r${server.generation}`, token_type: 'Bearer', expires_in: 900, user });
    }
    if (authorization !== `Bearer a${server.generation}`) {
      return json(401, { code: 'unauthorized', detail: 'Sign in first.' });
    }
    return json(200, { path: url });
  };
  return server;
}

function memoryStore(token = null) {
  return { token, get() { return this.token; }, set(value) { this.token = value; } };
}

test('Requests that all hit an expired access token share one refresh and each retry once', async () => {
  const server = fakeServer();
  const store = memoryStore('r1');
  const api = new ApiClient({ refreshTokens: store, fetch: server.fetch });
  await api.refresh(); // a2/r2
  server.generation = 3; // the access token expired server-side: only a3/r3 would be valid...
  store.token = 'r3'; // ...and the stored refresh token is the matching one.

  let release;
  server.releaseRefresh = new Promise((resolve) => (release = resolve));
  const pending = Promise.all([api.get('/api/one'), api.get('/api/two'), api.get('/api/three')]);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  const answers = await pending;

  assert.deepEqual(answers.map((a) => a.path), ['/api/one', '/api/two', '/api/three']);
  assert.equal(server.refreshCalls, 2, 'one refresh on start, then exactly one for the three 401s');
  assert.equal(store.token, 'r4');
  const retries = server.calls.filter((call) => call.url === '/api/one');
  assert.deepEqual(retries.map((call) => call.authorization), ['Bearer a2', 'Bearer a4']);
});

test('A reused refresh token signs out and forgets the stored token', async () => {
  const server = fakeServer();
  server.generation = 2; // r1 was rotated already: presenting it again is reuse.
  const store = memoryStore('r1');
  const api = new ApiClient({ refreshTokens: store, fetch: server.fetch });
  const events = [];
  api.subscribe((event) => events.push(event));

  await assert.rejects(api.get('/api/account'), (error) => error.code === 'refresh_token_reused');

  assert.equal(store.token, null);
  assert.deepEqual(events, [{ type: 'signed_out', reason: 'session_reused' }]);
  assert.equal(api.canResume, false);
  await assert.rejects(api.get('/api/account'), (error) => error.status === 401 && error.code === 'not_signed_in');
});

test('Sign-in keeps the refresh token in the store and the access token in memory only', async () => {
  const store = memoryStore();
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, authorization: new Headers(init.headers).get('Authorization') });
    if (url === '/api/auth/login') return json(200, { access_token: 'secret-access', refresh_token: 'secret-refresh', token_type: 'Bearer', expires_in: 900, user });
    return json(200, user);
  };
  const api = new ApiClient({ refreshTokens: store, fetch });
  const events = [];
  api.subscribe((event) => events.push(event.type));

  const result = await api.login('admin', 'pw');
  await api.get('/api/account');

  assert.deepEqual(result, { kind: 'signed_in', user });
  assert.equal(store.token, 'secret-refresh');
  assert.equal(calls[1].authorization, 'Bearer secret-access');
  assert.deepEqual(events, ['signed_in']);
});

test('A password sign-in on an account with two-factor asks for the code before any token exists', async () => {
  const store = memoryStore();
  const fetch = async (url, init) => {
    const body = JSON.parse(init.body);
    if (url === '/api/auth/login') return json(200, { mfa_required: true, mfa_token: 'mfa-1' });
    if (url === '/api/auth/login/totp' && body.mfa_token === 'mfa-1' && body.code === '123456') {
      return json(200, { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, user });
    }
    return json(401, { code: 'invalid_totp', detail: 'That code is not valid.' });
  };
  const api = new ApiClient({ refreshTokens: store, fetch });

  const first = await api.login('admin', 'pw');
  assert.deepEqual(first, { kind: 'mfa_required', mfaToken: 'mfa-1' });
  assert.equal(store.token, null);

  await assert.rejects(api.loginWithCode('mfa-1', '000000'), (error) => error.detail === 'That code is not valid.');
  assert.deepEqual(await api.loginWithCode('mfa-1', '123456'), user);
  assert.equal(store.token, 'r');
});

test('Signing out twice at once ends the session on the server once', async () => {
  const store = memoryStore();
  const calls = [];
  const fetch = async (url) => {
    calls.push(url);
    if (url === '/api/auth/login') return json(200, { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, user });
    return new Response(null, { status: 204 });
  };
  const api = new ApiClient({ refreshTokens: store, fetch });
  await api.login('admin', 'pw');

  await Promise.all([api.logout(), api.logout()]);

  assert.deepEqual(calls, ['/api/auth/login', '/api/auth/logout']);
  assert.equal(store.token, null);
});

/** A JWT-shaped token whose payload has `exp` (seconds); the signature is not checked by the client. */
const jwt = (exp) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

test('The hub gets a fresh access token: refreshed when missing or about to expire, reused otherwise', async () => {
  let issued = 0;
  const now = Math.floor(Date.now() / 1000);
  const lifetimes = [10, 900]; // the first token expires in 10 s, the second in 15 minutes
  const fetch = async (url) => {
    assert.equal(url, '/api/auth/refresh');
    const exp = now + lifetimes[Math.min(issued, lifetimes.length - 1)];
    issued++;
    return json(200, { access_token: jwt(exp), refresh_token: `r${issued + 1}`, token_type: 'Bearer', expires_in: 900, user });
  };
  const api = new ApiClient({ refreshTokens: memoryStore('r1'), fetch });

  const first = await api.freshAccessToken(); // none in memory: refresh
  assert.equal(issued, 1);
  const second = await api.freshAccessToken(); // expires within 30 s: refresh again
  assert.equal(issued, 2);
  assert.notEqual(first, second);
  assert.equal(await api.freshAccessToken(), second, 'a token with time left is reused');
  assert.equal(issued, 2);
});

test('Without a session the hub token is refused as not signed in', async () => {
  const api = new ApiClient({ refreshTokens: memoryStore(null), fetch: async () => assert.fail('no request expected') });
  await assert.rejects(api.freshAccessToken(), (error) => error.code === 'not_signed_in');
});
