// Starts a real Parley server process over a fresh data directory, as a person would run it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const adminUsername = 'admin';
export const adminPassword = 'correct-horse-battery-staple';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const listening = /Parley listening on (http:\/\/\S+)/;

/** The server binary: PARLEY_DLL (relative to web/) or the Debug build of src/Parley. */
export function parleyDll() {
  return path.resolve(webRoot, process.env.PARLEY_DLL ?? '../src/Parley/bin/Debug/net10.0/parley.dll');
}

/**
 * Starts `dotnet parley.dll` with its own temporary data directory, cheap password hashing
 * and no rate limits, and resolves once it prints the address it listens on.
 */
export async function startParley({ env = {}, startTimeoutMs = 90_000 } = {}) {
  const dll = parleyDll();
  if (!existsSync(dll)) {
    throw new Error(`No Parley server at ${dll}: build it first (dotnet build src/Parley) or set PARLEY_DLL.`);
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'parley-e2e-'));
  const child = spawn('dotnet', [dll], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PARLEY__STORAGE__DATADIRECTORY: path.join(directory, 'data'),
      PARLEY__ADMIN__USERNAME: adminUsername,
      PARLEY__ADMIN__PASSWORD: adminPassword,
      PARLEY__AUTH__ARGON2__MEMORYKIB: '1024',
      PARLEY__AUTH__ARGON2__ITERATIONS: '1',
      PARLEY__AUTH__ARGON2__LANES: '1',
      PARLEY__HTTP__REQUESTSPERMINUTE: '100000',
      PARLEY__MAIL__SMTP__PORT: '0',
      PARLEY__HTTP__AUTHREQUESTSPERMINUTE: '100000',
      PARLEY__LOGGING__LOGLEVEL__DEFAULT: 'Warning',
      ...env,
    },
  });

  const output = [];
  const remember = (chunk) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stderr.on('data', remember);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Parley did not start within ${startTimeoutMs} ms. Output:\n${output.join('\n')}`));
    }, startTimeoutMs);
    child.stdout.on('data', (chunk) => {
      remember(chunk);
      buffered += chunk.toString('utf8');
      const match = listening.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Parley exited (${signal ?? code}) before listening. Output:\n${output.join('\n')}`));
    });
  });

  return {
    url,
    output,
    /** The server's data directory (its SQLite files), for arranging what no API offers. */
    dataDirectory: path.join(directory, 'data'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        let timer;
        const deadline = new Promise((resolve) => (timer = setTimeout(() => resolve(null), 15_000)));
        const stopped = await Promise.race([exited, deadline]);
        clearTimeout(timer);
        if (stopped === null) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
