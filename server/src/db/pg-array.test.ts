import { describe, expect, it } from 'vitest';
import { pgArray } from './pg-array.js';

describe('PostgreSQL array literals', () => {
  it('quotes every element and escapes quotes and backslashes', () => {
    expect(pgArray(['a', 'b c', 'say "hi"', 'back\\slash', '{x,y}'])).toBe('{"a","b c","say \\"hi\\"","back\\\\slash","{x,y}"}');
  });

  it('gives an empty array for no values', () => {
    expect(pgArray([])).toBe('{}');
  });
});
