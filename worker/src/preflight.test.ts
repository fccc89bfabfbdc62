import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeNamespace } from './preflight.js';

describe("a failed preflight's view of the desktop's network", () => {
  it("shows a namespace's IPv4 addresses and routes on one line, as `ip` has them", async () => {
    const line = await describeNamespace(process.pid);
    const route = execFileSync('ip', ['-4', 'route']).toString().split('\n')[0]!.replace(/\s+/g, ' ').trim();
    expect(line).not.toMatch(/\n/);
    expect(line).toContain(route);
  });

  it('says why when the namespace cannot be read', async () => {
    expect(await describeNamespace(2 ** 22 + 1)).toMatch(/^unreadable \(.*No such file/);
  });
});
