// Heavy computations in steps give exactly the answer of running them in one go, pause between pieces of bounded
// size, and a company lookup that waits between steps survives the index changing under it.

import { describe, expect, it } from 'vitest';
import { CompanyIndex } from '../../src/domain/company-index.js';
import { computeWeeklyDigestDataInSteps } from '../../src/domain/digest-data.js';
import { detectLeaksInSteps } from '../../src/domain/leak.js';
import { filterInSteps, ITEMS_PER_STEP, runAllSteps, type Steps } from '../../src/domain/steps.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/domain/types.js';
import { generateSampleData } from '../../src/sample/generate.js';

const AS_OF = Date.UTC(2026, 10, 23, 9);
const sample = generateSampleData({ seed: 5, asOf: AS_OF, leads: 12_000, timeZone: 'UTC' });
const data = { leads: sample.leads, spend: sample.spend, targets: sample.targets };
const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'UTC' };

function countSteps<T>(steps: Steps<T>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
    pauses += 1;
  }
}

describe('computations in steps', () => {
  it('pause after every ITEMS_PER_STEP items', () => {
    const items = Array.from({ length: ITEMS_PER_STEP * 3 + 1 }, (_, i) => i);

    const { value, pauses } = countSteps(filterInSteps(items, (i) => i % 2 === 0));

    expect(value).toHaveLength(ITEMS_PER_STEP * 1.5 + 1);
    expect(pauses).toBe(3);
  });

  it('detect leaks over all history in many pauses, with the answer of a run in one go', () => {
    const all = { windowDays: 36_500 };
    const { value, pauses } = countSteps(detectLeaksInSteps(data, AS_OF, settings, all));

    expect(value).toEqual(runAllSteps(detectLeaksInSteps(data, AS_OF, settings, all)));
    // At least two walks over all 12,000 leads for each of the four transitions, each walk pausing twice or more.
    expect(pauses).toBeGreaterThanOrEqual(16);
  });

  it('build the digest figures in many pauses', () => {
    const { value, pauses } = countSteps(computeWeeklyDigestDataInSteps(data, AS_OF, settings));

    expect(value).toEqual(runAllSteps(computeWeeklyDigestDataInSteps(data, AS_OF, settings)));
    expect(pauses).toBeGreaterThanOrEqual(30);
  });
});

describe('a company lookup in steps', () => {
  const names = Array.from({ length: 3_000 }, (_, i) => ({ id: `L-${i}`, company: `Precision Works ${i} Inc` }));

  it('answers as match() does', () => {
    const index = new CompanyIndex(names);

    const { value, pauses } = countSteps(index.matchInSteps('precision works 1234 incorporated', 5));

    expect(value).toEqual(index.match('precision works 1234 incorporated', 5));
    expect(pauses).toBeGreaterThan(0);
  });

  it('looks again in one go when the index changed while it waited, even after a compaction', () => {
    const index = new CompanyIndex(names);
    const steps = index.matchInSteps('Precision Works 2999', 3);
    steps.next();
    for (const { id } of names.slice(0, 2_500)) index.remove(id);
    index.upsert({ id: 'L-new', company: 'Precision Works 2999' });

    const result = runAllSteps(steps);

    expect(result).toEqual(index.match('Precision Works 2999', 3));
    expect(result[0]?.candidate).toEqual({ id: 'L-2999', company: 'Precision Works 2999 Inc' });
    expect(result.map((match) => match.candidate.id)).toContain('L-new');
  });
});
