import { describe, expect, it } from 'vitest';
import { addWorkingHours } from '../../src/domain/working-hours.js';

// 2026-11-20 is a Friday; 2026-11-23 the Monday after.
describe('addWorkingHours (Mon–Fri 09:00–17:00)', () => {
  it('stays within one working day', () => {
    expect(addWorkingHours(Date.UTC(2026, 10, 18, 10), 4, 'UTC')).toBe(Date.UTC(2026, 10, 18, 14));
  });

  it('carries Friday afternoon over the weekend: 16:00 + 4 h is Monday 12:00', () => {
    expect(addWorkingHours(Date.UTC(2026, 10, 20, 16), 4, 'UTC')).toBe(Date.UTC(2026, 10, 23, 12));
  });

  it('counts a weekend arrival from Monday 09:00', () => {
    expect(addWorkingHours(Date.UTC(2026, 10, 21, 11), 4, 'UTC')).toBe(Date.UTC(2026, 10, 23, 13));
  });

  it('counts an evening arrival from the next morning', () => {
    expect(addWorkingHours(Date.UTC(2026, 10, 18, 20), 2, 'UTC')).toBe(Date.UTC(2026, 10, 19, 11));
  });

  it('works in the team time zone, across a DST change', () => {
    // Friday 23 Oct 2026 16:00 in Paris (CEST) is 14:00 UTC; 1 h that Friday, 2 h on Monday 26 Oct after CEST ended
    // on Sunday 25 Oct: 11:00 CET is 10:00 UTC.
    expect(addWorkingHours(Date.UTC(2026, 9, 23, 14), 3, 'Europe/Paris')).toBe(Date.UTC(2026, 9, 26, 10));
  });
});
