import assert from 'node:assert/strict';
import test from 'node:test';
import { base32Decode, hotp, totp } from './support/totp.mjs';

// RFC 6238 appendix B: the seeds are ASCII digits repeated to the hash's key length.
const seeds = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
};

const vectors = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

test('TOTP matches the RFC 6238 test vectors for SHA-1, SHA-256 and SHA-512', () => {
  for (const [seconds, sha1, sha256, sha512] of vectors) {
    const at = { timeMs: seconds * 1000, digits: 8 };
    assert.equal(totp(seeds.sha1, { ...at, algorithm: 'sha1' }), sha1, `SHA-1 at ${seconds}`);
    assert.equal(totp(seeds.sha256, { ...at, algorithm: 'sha256' }), sha256, `SHA-256 at ${seconds}`);
    assert.equal(totp(seeds.sha512, { ...at, algorithm: 'sha512' }), sha512, `SHA-512 at ${seconds}`);
  }
});

test('HOTP matches the RFC 4226 test values', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(seeds.sha1, counter), code, `counter ${counter}`));
});

test('A base32 secret decodes as authenticator apps read it', () => {
  // "12345678901234567890" in base32, as an otpauth URI would carry it.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.deepEqual(base32Decode(secret), seeds.sha1);
  assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), seeds.sha1);
  assert.equal(totp(secret, { timeMs: 59_000, digits: 8 }), '94287082');
  assert.throws(() => base32Decode('not base32!'), /base32/);
});
