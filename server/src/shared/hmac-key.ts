import { webcrypto } from 'node:crypto';

/**
 * An HS256 signing key, imported once as a CryptoKey: jose signs and verifies with it as it is,
 * where a KeyObject or raw bytes is imported into WebCrypto again on every call (about twice the
 * cost of a signature, paid by every ticket and token at an exam's doors-open).
 */
export function hmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('raw', Buffer.from(secret, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}
