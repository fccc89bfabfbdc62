import { createCipheriv } from 'node:crypto';

/**
 * DES for one purpose: the response to a VNC authentication challenge. Node's OpenSSL 3 keeps
 * single DES in its legacy provider (off by default) but Triple DES in the default one, and
 * Triple DES (encrypt, decrypt, encrypt) with the same key three times is single DES with that
 * key: OpenSSL does the work, for the worker's display warm-up and the benches' RFB client.
 */

/** Encrypts one 8-byte block with an 8-byte key (DES, ECB). */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  return desEcb(key, block);
}

/** `data` (whole 8-byte blocks) encrypted block by block with the 8-byte `key`. */
function desEcb(key: Uint8Array, data: Uint8Array): Buffer {
  if (key.length !== 8 || data.length % 8 !== 0) throw new Error('DES takes an 8-byte key and whole 8-byte blocks');
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([key, key, key]), null).setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/**
 * The response to a VNC authentication challenge: the 16 bytes encrypted with the password (its
 * first 8 bytes, zero-padded) as the key, each key byte's bits reversed (RFB 6.2.2, as VNC does).
 */
export function vncAuthResponse(password: string, challenge: Uint8Array): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) {
    const v = key[i]!;
    let r = 0;
    for (let j = 0; j < 8; j++) r |= ((v >> j) & 1) << (7 - j);
    key[i] = r;
  }
  return desEcb(key, challenge.subarray(0, 16));
}
