// Direct calls to the HTTP API, for arranging state and checking effects beside the browser.

export async function apiCall(baseUrl, method, path, { token, body, headers = {} } = {}) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body: json, text };
}

/** Signs in with a password (no two-factor) and returns the token response. */
export async function apiLogin(baseUrl, username, password, headers = {}) {
  const answer = await apiCall(baseUrl, 'POST', '/api/auth/login', { body: { username, password }, headers });
  if (answer.status !== 200 || !answer.body?.access_token) {
    throw new Error(`Sign-in of ${username} failed: ${answer.status} ${answer.text}`);
  }
  return answer.body;
}
