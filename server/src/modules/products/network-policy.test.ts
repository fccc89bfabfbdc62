import { describe, expect, it } from 'vitest';
import { isCidr, parseNetworkPolicy } from './network-policy.js';
import { BadInputError } from '../../shared/domain-error.js';

describe('network policy', () => {
  it("normalises an exam centre's values", () => {
    const p = parseNetworkPolicy({
      restrictInternet: true,
      allowedDomains: ['SOT.umtoj.edu.vn', ' sot.umtoj.edu.vn '],
      allowedCidrs: ['103.90.220.0/22', '42.1.76.128/28'],
      allowedIps: ['203.210.213.198'],
      originIp: '203.210.213.198',
    });
    expect(p).toEqual({
      restrictInternet: true,
      allowedDomains: ['sot.umtoj.edu.vn'],
      allowedCidrs: ['103.90.220.0/22', '42.1.76.128/28'],
      allowedIps: ['203.210.213.198'],
      originIp: '203.210.213.198',
      strict: true,
    });
  });
  it('defaults to unrestricted without a policy', () => {
    expect(parseNetworkPolicy(null).restrictInternet).toBe(false);
  });
  it.each([
    [{ allowedDomains: ['not a domain'] }, 'network.allowedDomains'],
    [{ allowedCidrs: ['10.0.0.0/33'] }, 'network.allowedCidrs'],
    [{ allowedCidrs: ['10.0.0.0'] }, 'network.allowedCidrs'],
    [{ allowedIps: ['999.1.1.1'] }, 'network.allowedIps'],
    [{ originIp: 'exam-site' }, 'network.originIp'],
    [{ allowedIps: Array.from({ length: 257 }, (_, i) => `10.0.${i >> 8}.${i & 255}`) }, 'network.allowedIps'],
  ])('refuses %o with BAD_USER_INPUT naming the field', (patch, field) => {
    let err: unknown;
    try {
      parseNetworkPolicy({ restrictInternet: true, ...patch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).code).toBe('BAD_USER_INPUT');
    expect((err as BadInputError).extensions.field).toBe(field);
  });
  it('knows IPv6 ranges', () => {
    expect(isCidr('2001:db8::/32')).toBe(true);
    expect(isCidr('2001:db8::/129')).toBe(false);
  });
});
