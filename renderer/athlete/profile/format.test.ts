import { describe, expect, it } from 'vitest';
import { clockText, niceStep, paceFromText, paceText, parseClock, presetOf, timeAgo } from './format';

describe('profile formatting', () => {
  it('says how long ago', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(timeAgo('2026-11-25T11:59:40Z', now)).toBe('just now');
    expect(timeAgo('2026-11-25T11:55:00Z', now)).toBe('5 min ago');
    expect(timeAgo('2026-11-25T10:00:00Z', now)).toBe('2 h ago');
    expect(timeAgo('2026-11-22T10:00:00Z', now)).toBe('3 days ago');
    expect(timeAgo('2026-11-26T10:00:00Z', now)).toBe('just now');
  });

  it('reads clock texts and paces in km or miles', () => {
    expect(parseClock('3:29:30')).toBe(12_570);
    expect(parseClock('45:10')).toBe(2710);
    expect(parseClock('4:75')).toBeNull();
    expect(parseClock('fast')).toBeNull();
    expect(clockText(12_570)).toBe('3:29:30');
    expect(paceFromText('4:40', 'km')).toBe(280);
    expect(paceFromText('7:30', 'mi')).toBe(280); // 450 s/mi = 279.6 s/km
    expect(paceText(280, 'km')).toBe('4:40');
    expect(paceText(280, 'mi')).toBe('7:31');
    expect(presetOf(42_195)).toBe('42195');
    expect(presetOf(15_000)).toBe('custom');
  });
});

describe('weekly chart axis', () => {
  it('picks a round step giving about 4 gridlines', () => {
    expect(niceStep(0)).toBe(10);
    expect(niceStep(46)).toBe(20);
    expect(niceStep(80)).toBe(20);
    expect(niceStep(9)).toBe(2.5);
    expect(niceStep(130)).toBe(50);
  });
});

describe('figures in the unit setting', () => {
  it('shows a km figure in miles when the coach reads miles, other units unchanged', async () => {
    const { figureText } = await import('./InsightsCard');
    const f = { key: 'distance_7d', label: '7-day running distance', value: 46, unit: 'km' };
    expect(figureText(f, 'km')).toBe('7-day running distance: 46 km');
    expect(figureText(f, 'mi')).toBe('7-day running distance: 28.6 mi');
    expect(figureText({ key: 'change', label: 'Change', value: 44, unit: '%' }, 'mi')).toBe('Change: 44%');
  }, 60_000);
});
