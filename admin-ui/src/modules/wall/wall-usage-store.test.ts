import { describe, expect, it } from 'vitest';
import { createWallUsageStore } from './wall-usage-store';

describe('wall usage store', () => {
  it('applies a burst of heartbeats once per frame and tells only the tiles whose worker beat', () => {
    const frames: (() => void)[] = [];
    const store = createWallUsageStore((f) => {
      frames.push(f);
      return () => undefined;
    });
    const calls: string[] = [];
    store.subscribe('a', () => calls.push('a'));
    store.subscribe('b', () => calls.push('b'));
    store.push({ workerId: 'a', cpuPercent: 10, memoryUsedMb: 100, receivedAt: '2026-01-01T00:00:00Z' });
    store.push({ workerId: 'a', cpuPercent: 20, receivedAt: '2026-01-01T00:00:02Z' });
    expect(frames).toHaveLength(1);
    expect(store.get('a')).toBeUndefined();
    frames[0]?.();
    expect(calls).toEqual(['a']);
    expect(store.get('a')).toEqual({ cpuPercent: 20, memoryUsedMb: 100, at: Date.parse('2026-01-01T00:00:02Z') });
  });

  it('keeps the last memory figure when a heartbeat omits it', () => {
    const frames: (() => void)[] = [];
    const store = createWallUsageStore((f) => {
      frames.push(f);
      return () => undefined;
    });
    store.push({ workerId: 'a', cpuPercent: 10, memoryUsedMb: 100, receivedAt: '2026-01-01T00:00:00Z' });
    frames.shift()?.();
    store.push({ workerId: 'a', cpuPercent: 30, receivedAt: '2026-01-01T00:00:02Z' });
    frames.shift()?.();
    expect(store.get('a')?.memoryUsedMb).toBe(100);
    expect(store.get('a')?.cpuPercent).toBe(30);
  });
});
