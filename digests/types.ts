// What a digest builder returns: the message (notification text and blocks) and the charts it wants, described
// but not drawn. The runner renders and uploads them, then swaps each placeholder for an image (withChartImages).

import type { ChartRenderer } from '../src/charts/renderer.js';
import type { KnownBlock } from '../src/slack/blocks.js';

export const CHART_IDS = ['roi', 'funnel', 'trend', 'plan', 'runway'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** Plain text that says what the chart shows; also the text that stays when the upload fails. */
  altText: string;
  render: (renderer: ChartRenderer) => Buffer;
}

export interface DigestMessage {
  /** Plain-text version of the whole message: the notification, and what screen readers and old clients get. */
  text: string;
  /** Blocks with a placeholder (block_id `chart:<id>`) where each chart goes. */
  blocks: KnownBlock[];
  charts: ChartSpec[];
}
