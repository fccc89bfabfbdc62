import { describe, expect, it } from 'vitest';
import { parseCidr, SessionSubnets } from './session-subnets.js';

describe('session subnets', () => {
  it('hands out every /28 of the range in turn before coming back to the first', () => {
    const subnets = new SessionSubnets('10.240.0.0/26');
    const seen = Array.from({ length: 8 }, () => subnets.next());
    expect(new Set(seen.slice(0, 4))).toEqual(new Set(['10.240.0.0/28', '10.240.0.16/28', '10.240.0.32/28', '10.240.0.48/28']));
    expect(seen.slice(4)).toEqual(seen.slice(0, 4));
  });

  it('skips subnets the engine says overlap another network, and passes any other error on', async () => {
    const subnets = new SessionSubnets('10.240.0.0/24');
    const tried: string[] = [];
    const made = await subnets.create(async (subnet) => {
      tried.push(subnet);
      if (tried.length < 3) throw new Error('Pool overlaps with other one on this address space');
      return subnet;
    });
    expect(made).toBe(tried[2]);
    expect(new Set(tried).size).toBe(3);
    await expect(
      subnets.create(async () => {
        throw new Error('engine away');
      }),
    ).rejects.toThrow('engine away');
    await expect(
      new SessionSubnets('10.240.0.0/27').create(async () => {
        throw new Error('Pool overlaps with other one on this address space');
      }),
    ).rejects.toThrow(/no free session subnet in WORKER_SESSION_SUBNETS/);
  });

  it('reads IPv4 CIDRs (host bits dropped) and refuses anything else or a range smaller than /28', () => {
    expect(parseCidr('10.240.7.9/16')).toEqual({ network: (10 * 256 + 240) * 65536, prefix: 16 });
    expect(parseCidr('10.240.0.0/33')).toBeNull();
    expect(parseCidr('300.0.0.0/8')).toBeNull();
    expect(parseCidr('fd00::/8')).toBeNull();
    expect(() => new SessionSubnets('10.240.0.0/29')).toThrow(/\/28/);
  });
});
