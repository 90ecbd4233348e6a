// The rules a pulled Notion row is held to, read directly from plain values (see row-checks.test.ts for the pull).

import { describe, expect, it } from 'vitest';
import { findRowProblem } from '../../src/notion/kind-mappings.js';

describe('findRowProblem', () => {
  it('holds spend and target months to YYYY-MM with a month from 01 to 12', () => {
    // Notion's date property cannot hold 2026-13 (the fake refuses it as Notion does), so this is read directly.
    const spend = { Name: 'x', Month: '2026-13-01', Amount: 10, Category: 'media' };
    expect(findRowProblem('spend', spend)).toBe('a month looks like 2026-10');
    expect(findRowProblem('target', { Name: 'x', Month: '2026-13', Stage: 'SQL', Count: 3 })).toBe(
      'a month looks like 2026-10',
    );
    expect(findRowProblem('spend', { ...spend, Month: '2026-12-01' })).toBeNull();
  });

  it('names the rule a row breaks, and lets empty fields be', () => {
    expect(findRowProblem('lead', { Name: '', Stage: '', Value: null })).toBeNull();
    expect(findRowProblem('lead', { Name: 'Acme', Stage: 'opportunity', Value: 0 })).toBeNull();
    expect(findRowProblem('target', { Month: '2026-10-01', Stage: 'Lost', Count: 3 })).toMatch(/target's stage/);
    expect(findRowProblem('target', { Month: '2026-10-01', Stage: 'MQL', Count: 2.5 })).toMatch(/whole number/);
    expect(findRowProblem('spend', { Month: '2026-10-01', Category: 'bribes', Amount: 5 })).toMatch(/category/);
    expect(findRowProblem('lead', { Name: 'Acme', Contact: 'c'.repeat(201) })).toMatch(/contact/);
  });
});
