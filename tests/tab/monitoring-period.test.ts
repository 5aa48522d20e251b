import { describe, expect, it } from 'vitest';
import { periodProblem, presetPeriod, todayInAmsterdam } from '../../tab/src/views/monitoring/period.js';

// The Monitoring view's period presets: whole months and quarters, across year boundaries.

describe('the period presets', () => {
  it('this year runs from 1 January to today', () => {
    expect(presetPeriod('thisYear', '2026-03-18')).toEqual({ from: '2026-01-01', to: '2026-03-18' });
  });

  it('the last 12 months are this month and the 11 before it, whole months', () => {
    expect(presetPeriod('last12Months', '2026-03-18')).toEqual({ from: '2025-04-01', to: '2026-03-18' });
    expect(presetPeriod('last12Months', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('last12Months', '2026-01-01')).toEqual({ from: '2025-02-01', to: '2026-01-01' });
  });

  it('the last quarter is the last complete calendar quarter, in the year before during Q1', () => {
    expect(presetPeriod('lastQuarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetPeriod('lastQuarter', '2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('lastQuarter', '2026-08-31')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('lastQuarter', '2026-12-31')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });

  it("takes today's date in Amsterdam, not in UTC", () => {
    expect(todayInAmsterdam(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayInAmsterdam(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });

  it('names what is wrong with a period typed in', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(periodProblem({ from: '', to: '2026-01-01' })).toBe('fromMissing');
    expect(periodProblem({ from: '2026-01-01', to: '' })).toBe('toMissing');
    expect(periodProblem({ from: '2026-01-02', to: '2026-01-01' })).toBe('fromAfterTo');
    expect(periodProblem({ from: '2016-01-01', to: '2025-12-31' })).toBeNull();
    expect(periodProblem({ from: '2016-01-01', to: '2026-01-01' })).toBe('tooLong');
    expect(periodProblem({ from: '0001-01-01', to: '9999-12-31' })).toBe('tooLong');
  });
});
