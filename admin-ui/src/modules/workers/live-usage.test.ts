import { describe, expect, it } from 'vitest';
import { LiveUsageStore, mergeLive } from './live-usage';
import { rowWindow } from './use-row-window';

describe('live heartbeat figures of the fleet', () => {
  it('applies a burst of heartbeats once per frame and tells only the rows whose worker beat', () => {
    const frames: (() => void)[] = [];
    const store = new LiveUsageStore((f) => {
      frames.push(f);
      return () => undefined;
    });
    const calls: string[] = [];
    store.subscribe('a', () => calls.push('a'));
    store.subscribe('b', () => calls.push('b'));
    store.push({ workerId: 'a', cpuPercent: 10, memoryUsedMb: 100, receivedAt: '2026-01-01T00:00:00Z', driverReachable: true });
    store.push({ workerId: 'a', cpuPercent: 20, receivedAt: '2026-01-01T00:00:02Z' });
    expect(frames).toHaveLength(1);
    expect(store.get('a')).toBeUndefined();
    frames[0]?.();
    expect(calls).toEqual(['a']);
    expect(store.get('a')).toEqual({ cpuPercent: 20, memoryUsedMb: 100, engineReachable: true, receivedAt: '2026-01-01T00:00:02Z' });
  });

  it('shows the heartbeat over the stored figures unless a refetch brought newer ones', () => {
    const stored = { id: 'a', cpuPercent: 5, memoryUsedMb: 50, engineReachable: false, lastHeartbeatAt: '2026-01-01T00:00:01Z' };
    const live = { cpuPercent: 73.2, memoryUsedMb: 900, engineReachable: true, receivedAt: '2026-01-01T00:00:02Z' };
    expect(mergeLive(stored, live)).toEqual({ id: 'a', cpuPercent: 73.2, memoryUsedMb: 900, engineReachable: true, lastHeartbeatAt: live.receivedAt });
    expect(mergeLive({ ...stored, lastHeartbeatAt: '2026-01-01T00:00:04Z' }, live).cpuPercent).toBe(5);
    expect(mergeLive(stored, undefined)).toBe(stored);
  });
});

describe('fleet table windowing', () => {
  it('mounts every row of a small fleet', () => {
    expect(rowWindow(40, -5_000, 1080, 45)).toEqual({ start: 0, end: 40, padTop: 0, padBottom: 0 });
  });

  it('mounts only the rows on screen of 500 workers, with blank height for the others', () => {
    const top = rowWindow(500, 300, 1080, 45);
    expect(top.start).toBe(0);
    expect(top.end).toBeLessThan(40);
    expect(top.padBottom).toBe((500 - top.end) * 45);
    const scrolled = rowWindow(500, -4_500, 1080, 45);
    expect(scrolled.start % 2).toBe(0);
    expect(scrolled.start).toBeLessThanOrEqual(100);
    expect(scrolled.end).toBeGreaterThanOrEqual(100 + Math.ceil(1080 / 45));
    expect(scrolled.end - scrolled.start).toBeLessThan(60);
    expect(scrolled.padTop).toBe(scrolled.start * 45);
    const bottom = rowWindow(500, -1_000_000, 1080, 45);
    expect(bottom.end).toBe(500);
    expect(bottom.start).toBeLessThan(500);
  });
});
