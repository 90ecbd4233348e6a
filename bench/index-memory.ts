// Heap held by the company index alone at 100k sample names, and its build time: measured in a process of its own
// (node --expose-gc), after a full collection before and after the build.
import { CompanyIndex } from '../src/domain/company-index.js';
import { buildCompanyName } from '../src/sample/sample-names.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const count = Number(process.argv[2] ?? 100_000);
const entries = Array.from({ length: count }, (_, i) => ({ id: `L-${i}`, company: buildCompanyName(i) }));
gc();
const before = process.memoryUsage().heapUsed;
const began = performance.now();
const index = new CompanyIndex(entries);
const buildMs = performance.now() - began;
gc();
const after = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    count,
    buildMs: Math.round(buildMs),
    indexMb: +((after - before) / 1e6).toFixed(1),
    size: index.size,
  }),
);
