// The Triage area's real surroundings for its browser tests: a throwaway Dovecot (scripts/dovecot.sh) with a user,
// a scripted OpenAI-compatible LLM endpoint, a parley.yaml with a Triage account on both, and a minimal IMAP client
// to append mail and look into folders (no IMAP library in web/: the few commands are written out here).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiCall } from './api.mjs';

const script = fileURLToPath(new URL('../../../scripts/dovecot.sh', import.meta.url));

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`dovecot.sh ${args[0]} failed (${code}): ${err}`))));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Dovecot on loopback with one user: { port, user, password, fingerprint, stop() }. */
export async function startDovecot(user, password) {
  const directory = path.join(tmpdir(), `parley-web-dovecot-${process.pid}-${Date.now()}`);
  const port = await freePort();
  const tlsPort = await freePort();
  await run(['start', directory, String(port), String(tlsPort)]);
  await run(['user', directory, user, password]);
  const fingerprint = (await readFile(path.join(directory, 'cert.sha256'), 'utf8')).trim();
  return { port, user, password, fingerprint, stop: () => run(['stop', directory]) };
}

/** One IMAP session over plain TCP on loopback (the test Dovecot allows LOGIN there): tagged commands, answers as lines. */
async function imapSession(dovecot, work) {
  const socket = net.connect(dovecot.port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  let waiter = null;
  socket.on('data', (chunk) => {
    buffer += chunk;
    waiter?.();
  });
  const failed = new Promise((_, reject) => socket.once('error', reject));
  const lineMatching = async (test) => {
    for (;;) {
      const lines = buffer.split('\r\n');
      for (let i = 0; i < lines.length - 1; i++) {
        if (test(lines[i])) {
          const taken = lines.slice(0, i + 1);
          buffer = lines.slice(i + 1).join('\r\n');
          return taken;
        }
      }
      await Promise.race([new Promise((resolve) => (waiter = resolve)), failed]);
    }
  };
  let n = 0;
  const command = async (text) => {
    const tag = `w${++n}`;
    socket.write(`${tag} ${text}\r\n`);
    const lines = await lineMatching((l) => l.startsWith(`${tag} `));
    const last = lines[lines.length - 1];
    if (!last.startsWith(`${tag} OK`)) throw new Error(`IMAP ${text.split(' ')[0]} failed: ${last}`);
    return lines;
  };
  try {
    await lineMatching((l) => l.startsWith('* OK'));
    await command(`LOGIN "${dovecot.user}" "${dovecot.password}"`);
    return await work(command);
  } finally {
    socket.end();
  }
}

/** Appends a plain-text email (LITERAL+: no round trip for the continuation); answers its Message-ID. */
export async function appendMail(dovecot, { subject, body = `Body of ${subject}`, from = 'sender@example.org', folder = 'INBOX' }) {
  const id = `<${Date.now()}.${Math.random().toString(36).slice(2)}@example.org>`;
  const message = [`From: ${from}`, `To: ${dovecot.user}@example.org`, `Subject: ${subject}`, `Message-ID: ${id}`, `Date: ${new Date().toUTCString()}`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
  const size = Buffer.byteLength(message, 'utf8');
  await imapSession(dovecot, (command) => command(`APPEND "${folder}" {${size}+}\r\n${message}`));
  return id;
}

/** How many emails of `folder` have `subject` in their subject (0 when the folder does not exist). */
export function countInFolder(dovecot, folder, subject) {
  return imapSession(dovecot, async (command) => {
    try {
      await command(`EXAMINE "${folder}"`);
    } catch {
      return 0;
    }
    const lines = await command(`UID SEARCH SUBJECT "${subject}"`);
    const found = lines.find((l) => l.startsWith('* SEARCH'));
    return found ? found.slice('* SEARCH'.length).trim().split(' ').filter(Boolean).length : 0;
  });
}

/**
 * An OpenAI-compatible chat completions endpoint: `reply(requestText)` answers each request with
 * { status } or { content } (the assistant's text); `requests` keeps what was asked.
 */
export async function startFakeLlm(reply) {
  const requests = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (c) => (body += c));
    request.on('end', () => {
      requests.push(body);
      const answer = reply(body);
      if (answer.status && answer.status !== 200) {
        response.writeHead(answer.status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'scripted error', type: 'server_error' } }));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: 'fake-model',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer.content } }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/v1`, requests, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** The LLM's reply that flags an email. */
export const flagReply = (reasoning = 'looks important') =>
  JSON.stringify({ actions: [{ type: 'flag', flags: ['\\Flagged'] }], category: 'work', confidence: 0.9, reasoning });

/** A parley.yaml (in its own directory) with one Triage account on `dovecot`, a rule for invoices and the fake LLM. */
export async function triageConfig(dovecot, llm) {
  const file = path.join(tmpdir(), `parley-web-triage-${process.pid}-${Date.now()}.yaml`);
  const yaml = `triage:
  state:
    audit_subjects: true
  retry:
    initial_delay: 1h
    jitter: false
  attachments:
    enabled: true
    extract_images: true
  llm_providers:
    - name: fake
      api_url: ${llm.url}/chat/completions
      default_model: fake-model
      supports_vision: true
  rules:
    - name: invoices
      conditions:
        - field: subject
          op: contains
          value: invoice
      actions:
        - type: move
          folder: Receipts
  accounts:
    - name: ${dovecot.user}
      llm_provider: fake
      imap:
        host: 127.0.0.1
        port: ${dovecot.port}
        tls: starttls
        username: ${dovecot.user}
        password: ${dovecot.password}
        trusted_tls_fingerprints:
          - ${dovecot.fingerprint}
      folders:
        mode: auto_create
`;
  await writeFile(file, yaml);
  return file;
}

/** Calls the Triage API as `token`'s holder, insisting on a 2xx answer; answers the body. */
export async function triageCall(baseUrl, token, method, path, body) {
  const answer = await apiCall(baseUrl, method, path, { token, body });
  if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}
