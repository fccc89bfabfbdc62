import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('secret box', () => {
  const box = new SecretBox('a-key-for-tests-only');
  it('round-trips and never stores the plain text', () => {
    const sealed = box.seal('RDP password: hunter2');
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed)).toBe('RDP password: hunter2');
  });
  it('gives a different ciphertext each time', () => {
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });
  it('refuses a tampered value and a value sealed under another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('evil').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox('another-key-entirely').open(sealed)).toThrow();
  });
});
