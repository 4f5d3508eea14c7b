// RFC 6238 time-based one-time passwords over node:crypto, so the tests can act as an
// authenticator app without a dependency.
import { createHmac } from 'node:crypto';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (padding, spaces and case are forgiven, as authenticator apps do). */
export function base32Decode(text) {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index < 0) throw new Error(`Not a base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP: HMAC over the big-endian counter, dynamic truncation, `digits` decimal digits. */
export function hotp(key, counter, { digits = 6, algorithm = 'sha1' } = {}) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac(algorithm, key).update(message).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step (counter) a moment falls in. */
export function timeStep(timeMs = Date.now(), periodSeconds = 30) {
  return Math.floor(timeMs / 1000 / periodSeconds);
}

/** The TOTP code for a base32 secret (or raw key bytes) at a moment. */
export function totp(secret, { timeMs = Date.now(), periodSeconds = 30, digits = 6, algorithm = 'sha1' } = {}) {
  const key = typeof secret === 'string' ? base32Decode(secret) : secret;
  return hotp(key, timeStep(timeMs, periodSeconds), { digits, algorithm });
}
