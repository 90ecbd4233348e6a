// The fake Slack's own Block Kit checker (see report.ts for why it is separate from the product's limits table).

export { checkBlockKit, SURFACE_BLOCKS_MAX, type Surface } from './blocks.js';
export { checkView } from './views.js';

import { checkOptionsAnswer } from './composition.js';
import { BlockKitReport } from './report.js';

/** Every problem with an options load answer; Slack shows the person no options at all when there is one. */
export function checkOptionsLoad(answer: Record<string, unknown>): string[] {
  const report = new BlockKitReport();
  checkOptionsAnswer(report, answer);
  return report.problems;
}
