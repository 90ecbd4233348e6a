// Swaps each chart placeholder of a digest for the uploaded image. A chart that failed to upload keeps its
// placeholder, which already carries the chart's words, so the message still says everything.

import { image, type KnownBlock } from '../src/slack/blocks.js';
import { CHART_BLOCK_PREFIX } from './format.js';
import type { ChartId, DigestMessage } from './types.js';

/** `uploaded` maps a chart id to the Slack file id files.uploadV2 returned for it. */
export function withChartImages(message: DigestMessage, uploaded: Partial<Record<ChartId, string>>): KnownBlock[] {
  return message.blocks.map((block) => {
    const spec = message.charts.find((chart) => block.block_id === `${CHART_BLOCK_PREFIX}${chart.id}`);
    const fileId = spec === undefined ? undefined : uploaded[spec.id];
    if (spec === undefined || fileId === undefined) return block;
    return image(fileId, spec.altText, { title: spec.title, blockId: block.block_id });
  });
}
