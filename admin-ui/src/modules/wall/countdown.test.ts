import { describe, expect, it } from 'vitest';
import { examsForWall, formatCountdown } from './countdown';

describe('wall countdowns', () => {
  it('formats minutes and hours with padded parts', () => {
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('shows running exams and those starting later today, soonest first, and hides ended or tomorrow ones', () => {
    const now = new Date(2026, 5, 1, 9, 0, 0).getTime();
    const at = (h: number, m = 0) => new Date(2026, 5, 1, h, m).toISOString();
    const exams = [
      { id: 'later', startsAt: at(14), endsAt: at(16) },
      { id: 'running', startsAt: at(8, 30), endsAt: at(10) },
      { id: 'ended', startsAt: at(6), endsAt: at(8) },
      { id: 'tomorrow', startsAt: new Date(2026, 5, 2, 8).toISOString(), endsAt: new Date(2026, 5, 2, 10).toISOString() },
      { id: 'soon', startsAt: at(9, 30), endsAt: at(11) },
    ];
    expect(examsForWall(exams, now).map((e) => e.id)).toEqual(['running', 'soon', 'later']);
  });
});
