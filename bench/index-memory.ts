// Heap (typed arrays' buffers included) held by the company index alone at 100k sample names, and its build time: measured in a process of its own
// (node --expose-gc), after a full collection before and after the build.
import { CompanyIndex } from '../src/domain/company-index.js';
import { buildCompanyName } from '../src/sample/sample-names.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const count = Number(process.argv[2] ?? 100_000);
const entries = Array.from({ length: count }, (_, i) => ({ id: `L-${i}`, company: buildCompanyName(i) }));
gc();
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const before = used();
const began = performance.now();
const index = new CompanyIndex(entries, process.argv[3] === 'sized' ? count : 0);
const buildMs = performance.now() - began;
gc();
const after = used();
console.log(
  JSON.stringify({
    count,
    buildMs: Math.round(buildMs),
    indexMb: +((after - before) / 1e6).toFixed(1),
    size: index.size,
  }),
);
