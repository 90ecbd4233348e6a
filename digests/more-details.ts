// The digest's unit-economics line and its "More" buttons. The detail lives behind the buttons so the digest stays
// within a screen and a half: each button carries the digest's asOf (and its week, to check), and whoever clicks gets
// the detail computed again for exactly the windows the digest reported on, as a reply only they see.

import { z } from 'zod';
import { computeReportedWeek } from '../src/domain/digest-data.js';
import { DIGEST_DETAIL_TOPICS, type DigestDetailTopic } from '../src/domain/digest-detail.js';
import { formatMoney } from '../src/domain/money.js';
import type { WeeklyDigestData } from '../src/domain/types.js';
import { actions, button, type KnownBlock, section } from '../src/slack/blocks.js';
import { formatClvToCac } from '../src/slack/views/roi-detail-views.js';

/** Every "More" button's action_id is this prefix and its topic; one listener answers them all. */
export const DIGEST_MORE_PREFIX = 'digest_more:' as const;
export const DIGEST_MORE_PATTERN = new RegExp(`^${DIGEST_MORE_PREFIX}(${DIGEST_DETAIL_TOPICS.join('|')})$`);
export const DIGEST_MORE_BLOCK = 'digest_more' as const;

const BUTTON_LABELS: Record<DigestDetailTopic, string> = {
  time: 'Time to convert',
  cost: 'Cost per stage',
  lost: 'Lost reasons',
  pipeline: 'Pipeline by campaign',
};

const moreRequestSchema = z.object({
  asOf: z.number().int().nonnegative(),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
});

export interface DigestMoreRequest {
  topic: DigestDetailTopic;
  asOf: number;
}

export function encodeDigestMoreValue(data: Pick<WeeklyDigestData, 'asOf' | 'week'>): string {
  return JSON.stringify({ asOf: data.asOf, week: data.week.key });
}

function parseTopic(actionId: string): DigestDetailTopic | null {
  const topic = DIGEST_MORE_PATTERN.exec(actionId)?.[1];
  return DIGEST_DETAIL_TOPICS.find((candidate) => candidate === topic) ?? null;
}

/**
 * The click back as a request, or null when it is not one of ours or no longer adds up: the week it names must be
 * the week its asOf reports (a changed DIGEST_TZ, or a value someone made up, would show other windows).
 */
export function parseDigestMoreRequest(
  actionId: string,
  value: string | undefined,
  timeZone: string,
): DigestMoreRequest | null {
  const topic = parseTopic(actionId);
  if (topic === null || value === undefined) return null;
  let parsed: ReturnType<typeof moreRequestSchema.safeParse>;
  try {
    parsed = moreRequestSchema.safeParse(JSON.parse(value));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const { asOf, week } = parsed.data;
  return computeReportedWeek(asOf, timeZone).key === week ? { topic, asOf } : null;
}

/** "*Unit economics, Q4 2026 to date*: CLV:CAC 4.8:1 · blended CAC $9,300 · CLV $45K · pipeline now $54.2K". */
export function buildUnitEconomicsLine(data: WeeklyDigestData): string {
  const { quarterKpis: kpis, settings } = data;
  const money = (amount: number | null) =>
    amount === null ? 'n/a' : formatMoney(Math.round(amount), settings.currency);
  const compact = (amount: number | null) =>
    amount === null ? 'n/a' : formatMoney(amount, settings.currency, { compact: true });
  return (
    `*Unit economics, ${data.quarter.label}*: CLV:CAC *${formatClvToCac(kpis.clvToCac)}*` +
    ` · blended CAC ${money(kpis.blendedCac)} · CLV ${compact(kpis.clv)} · pipeline now ${compact(kpis.pipelineValue)}`
  );
}

/** The unit-economics line and the row of "More" buttons, placed under the quarter's KPIs. */
export function buildDigestMoreBlocks(data: WeeklyDigestData): KnownBlock[] {
  const value = encodeDigestMoreValue(data);
  const buttons = DIGEST_DETAIL_TOPICS.map((topic) =>
    button({ text: BUTTON_LABELS[topic], actionId: `${DIGEST_MORE_PREFIX}${topic}`, value }),
  );
  return [section(buildUnitEconomicsLine(data)), actions(buttons, DIGEST_MORE_BLOCK)];
}
