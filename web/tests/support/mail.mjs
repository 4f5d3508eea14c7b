// The Mail area's browser tests: a Parley server with its SMTP listener on a known port and DNS
// answered by a local stub, a raw-socket SMTP client, and a webhook receiver that echoes challenges.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { after, before } from 'node:test';
import { apiCall, apiLogin } from './api.mjs';
import { launchBrowser, openPage, signIn } from './browser.mjs';
import { adminPassword, adminUsername, startParley } from './parley-server.mjs';
import { waitUntil } from './wait.mjs';

/** A TCP port nothing listens on right now (the OS picks it; we close it again at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A DNS server that answers NXDOMAIN to every question, so domain checks and SPF/DKIM/DMARC lookups
 * of the test's made-up domains fail at once and deterministically instead of asking the internet.
 */
export async function startNxdomainDns() {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    if (query.length < 12) return;
    // The question starts at 12: labels up to a zero byte, then type and class (4 bytes).
    let end = 12;
    while (end < query.length && query[end] !== 0) end += query[end] + 1;
    end += 5;
    if (end > query.length) return;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | 3, 2); // QR, RD copied, RA, NXDOMAIN
    header.writeUInt16BE(1, 4); // one question, no answers
    socket.send(Buffer.concat([header, query.subarray(12, end)]), peer.port, peer.address);
  });
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${socket.address().port}`, stop: () => new Promise((resolve) => socket.close(resolve)) };
}

const smtpListening = /SMTP listening on \S*:(\d+)/i;

/**
 * One Parley server (SMTP on a port chosen here, resolver = the NXDOMAIN stub, webhooks allowed to
 * reach 127.0.0.1) and one Chromium for a test file. `env.smtpPort()` is the SMTP port: the one the
 * server printed ("SMTP listening on …"), else the one it was given.
 */
export function mailServerAndBrowser() {
  const env = { server: undefined, browser: undefined, dns: undefined, chosenSmtpPort: 0, admin: undefined };
  env.smtpPort = () => {
    const printed = env.server?.output.map((line) => smtpListening.exec(line)).find(Boolean);
    return printed ? Number(printed[1]) : env.chosenSmtpPort;
  };
  before(async () => {
    env.dns = await startNxdomainDns();
    env.chosenSmtpPort = await freePort();
    env.server = await startParley({
      env: {
        PARLEY__MAIL__SMTP__PORT: String(env.chosenSmtpPort),
        PARLEY__MAIL__SMTP__ADDRESS: '127.0.0.1',
        PARLEY__MAIL__DNSSERVER: env.dns.address,
        PARLEY__WEBHOOKS__ALLOWPRIVATETARGETS: 'true',
      },
    });
    env.browser = await launchBrowser();
    env.admin = await apiLogin(env.server.url, adminUsername, adminPassword);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    await env.dns?.stop();
  });
  return env;
}

/** A page signed in as the admin (who holds every mail permission). */
export async function adminPage(env) {
  const page = await openPage(env.browser, env.server.url);
  await page.goto('/sign-in');
  await signIn(page, adminUsername, adminPassword);
  return page;
}

/** Calls the API as the admin and insists on success; returns the JSON body. */
export async function adminOk(env, method, path, body) {
  const answer = await apiCall(env.server.url, method, path, { token: env.admin.access_token, body });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** True when the server has the Mail API (a branch without it answers 404). */
export async function hasMailApi(env) {
  const answer = await apiCall(env.server.url, 'GET', '/api/mail/domains', { token: env.admin.access_token });
  return answer.status === 200;
}

/** An RFC 5322 message with CRLF line ends (headers, blank line, text body). */
export function rfc5322({ from, to, subject, text, messageId, inReplyTo }) {
  const headers = [
    `From: ${from}`,
    `To: ${to.join(', ')}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${messageId}>`,
    ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}>`, `References: <${inReplyTo}>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${text.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/**
 * A minimal SMTP client on a raw socket: EHLO, MAIL FROM, RCPT TO (each), DATA (dot-stuffed, ended by
 * <CRLF>.<CRLF>), QUIT. Every reply is checked; the final reply to DATA is returned ({ code, text }).
 */
export async function sendSmtp({ port, host = '127.0.0.1', from, to, data, timeoutMs = 15_000 }) {
  const socket = net.connect({ port, host });
  socket.setEncoding('utf8');
  let buffered = '';
  let waiting = null;
  let failure = null;
  const lines = [];
  const pump = () => {
    if (!waiting) return;
    // A reply is complete at its last line: "250 text" (a hyphen after the code means more follow).
    const last = lines.findIndex((line) => /^\d{3}(?: |$)/.test(line));
    if (last >= 0) {
      const reply = lines.splice(0, last + 1);
      const resolve = waiting.resolve;
      waiting = null;
      resolve({ code: Number(reply[last].slice(0, 3)), text: reply.join('\n') });
    } else if (failure) {
      const reject = waiting.reject;
      waiting = null;
      reject(failure);
    }
  };
  socket.on('data', (chunk) => {
    buffered += chunk;
    let at;
    while ((at = buffered.indexOf('\r\n')) >= 0) {
      lines.push(buffered.slice(0, at));
      buffered = buffered.slice(at + 2);
    }
    pump();
  });
  socket.on('error', (error) => {
    failure = error;
    pump();
  });
  socket.on('close', () => {
    failure ??= new Error('The SMTP server closed the connection.');
    pump();
  });
  const reply = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No SMTP reply within ${timeoutMs} ms.`)), timeoutMs);
      waiting = {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      pump();
    });
  const expect = async (command, code) => {
    if (command !== null) socket.write(`${command}\r\n`);
    const answer = await reply();
    if (answer.code !== code) throw new Error(`SMTP ${command ?? 'greeting'}: expected ${code}, got ${answer.text}`);
    return answer;
  };
  try {
    await expect(null, 220);
    await expect('EHLO client.test', 250);
    await expect(`MAIL FROM:<${from}>`, 250);
    for (const recipient of to) await expect(`RCPT TO:<${recipient}>`, 250);
    await expect('DATA', 354);
    const stuffed = data.replace(/\r\n\./g, '\r\n..').replace(/^\./, '..');
    socket.write(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
    const accepted = await expect(null, 250);
    await expect('QUIT', 221).catch(() => undefined);
    return accepted;
  } finally {
    socket.destroy();
  }
}

/** Waits until the SMTP listener answers a connection (the server may open it after HTTP). */
export async function waitForSmtp(port, timeoutMs = 20_000) {
  await waitUntil(
    () =>
      new Promise((resolve) => {
        const socket = net.connect({ port, host: '127.0.0.1' });
        socket.once('data', (chunk) => {
          socket.destroy();
          resolve(String(chunk).startsWith('220'));
        });
        socket.once('error', () => resolve(false));
      }),
    { timeoutMs, intervalMs: 250, what: `an SMTP greeting on port ${port}` },
  );
}

/** Finds a string-valued `challenge` anywhere in a JSON value (the verification event's payload). */
function findChallenge(value) {
  if (!value || typeof value !== 'object') return undefined;
  if (typeof value.challenge === 'string') return value.challenge;
  for (const inner of Object.values(value)) {
    const found = findChallenge(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A webhook endpoint on 127.0.0.1: it records every request and answers Parley's verification with
 * the challenge: `{"challenge": "…"}` for a JSON POST whose body carries one (plain text when the
 * request asks for text/plain), the bare value for a GET with `?challenge=`. Other events get 200.
 */
export async function startWebhookReceiver() {
  const requests = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const url = new URL(request.url, 'http://localhost');
      requests.push({ method: request.method, path: url.pathname, headers: request.headers, body, json });
      const challenge = url.searchParams.get('challenge') ?? findChallenge(json);
      if (challenge === undefined || challenge === null) {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      } else if (request.method === 'GET' || /text\/plain/.test(request.headers.accept ?? '')) {
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end(challenge);
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ challenge }));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/mail`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.close(resolve);
        // Parley's HTTP client may keep a connection open; do not wait for it to idle out.
        server.closeAllConnections();
      }),
  };
}
