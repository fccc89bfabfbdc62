import { describe, expect, it } from 'vitest';
import { ipFamily, listProblems, ruleProblem } from './network-rules';

describe('network rule checks (as the admin types)', () => {
  it('accepts IPv4 and IPv6 addresses and refuses the rest', () => {
    expect(['10.0.0.1', '255.255.255.255', '::1', '2001:db8::8a2e:370:7334', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8'].map(ipFamily)).toEqual([4, 4, 6, 6, 6, 6]);
    expect(['256.1.1.1', '1.2.3', '01.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', 'abc', '', 'g::1'].map(ipFamily)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('names why a CIDR range is refused', () => {
    expect(ruleProblem('cidr', '203.0.113.0/24')).toBeNull();
    expect(ruleProblem('cidr', '2001:db8::/32')).toBeNull();
    expect(ruleProblem('cidr', '203.0.113.0')?.key).toBe('cidrNoPrefix');
    expect(ruleProblem('cidr', '203.0.113.0/33')).toEqual({ key: 'cidrPrefix', values: { max: 32 } });
    expect(ruleProblem('cidr', '2001:db8::/129')).toEqual({ key: 'cidrPrefix', values: { max: 128 } });
    expect(ruleProblem('cidr', '300.0.0.0/8')?.key).toBe('cidrAddress');
    expect(ruleProblem('cidr', '1.2.3.4/8/9')?.key).toBe('cidr');
  });

  it('refuses an IP with a prefix and a domain given as a URL', () => {
    expect(ruleProblem('ip', '10.0.0.1/32')?.key).toBe('ipWithPrefix');
    expect(ruleProblem('ip', ' 10.0.0.1 ')).toBeNull();
    expect(ruleProblem('domain', 'https://exam.school.edu')?.key).toBe('domainUrl');
    expect(ruleProblem('domain', '*.School.edu')).toBeNull();
    expect(ruleProblem('domain', 'localhost')?.key).toBe('domain');
  });

  it('lists only the refused entries, in order', () => {
    expect(listProblems('ip', ['203.0.113.7', 'x', '::1', '999.1.1.1']).map((p) => p.value)).toEqual(['x', '999.1.1.1']);
  });
});
