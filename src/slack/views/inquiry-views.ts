// `/roi number`, `/roi numbers` and `/roi sources`: tracking numbers, and tracked vs said per source with the share
// of inquiries by channel. Pure builders; everything typed by a person is escaped here.

import { sourceLabel } from '../../domain/catalog.js';
import type { InquiryMix } from '../../domain/inquiry-mix.js';
import { formatPercent } from '../../domain/money.js';
import type { Channel, TrackingNumber } from '../../domain/types.js';
import { formatPhoneNumber } from '../../ingest/phone.js';
import { context, escapeSlackText, header, type KnownBlock, section } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { buildFallbackText, type Reply } from './reply.js';

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  phone: 'Phone',
  'web-form': 'Web form',
  email: 'Email',
  chat: 'Chat',
  'in-person': 'In person',
  other: 'Other',
};

function describeMapping(number: Pick<TrackingNumber, 'campaign' | 'source'>): string {
  const parts = [
    number.source === null ? null : `source ${sourceLabel(number.source)}`,
    number.campaign === null ? null : `campaign ${number.campaign}`,
  ];
  return parts.filter((part) => part !== null).join(', ');
}

export function buildNumberRecordedReply(number: TrackingNumber, before: TrackingNumber | null): Reply {
  const phone = formatPhoneNumber(number.number);
  const message =
    before === null
      ? `Mapped ${phone} to ${describeMapping(number)}. Inquiries to it now say where they came from.`
      : `Changed ${phone}: it was ${describeMapping(before) || 'nothing'}, it is now ${describeMapping(number)}.`;
  return { text: buildFallbackText(message), blocks: [section(escapeSlackText(message))] };
}

/** Lines packed into sections under Slack's 3000 characters each. */
function buildLineSections(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + line.length + 1 > SLACK_LIMITS.sectionText - 100) {
      blocks.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') blocks.push(section(current));
  return blocks.slice(0, SLACK_LIMITS.messageBlocks - 2);
}

export function buildNumbersReply(numbers: readonly TrackingNumber[]): Reply {
  if (numbers.length === 0) {
    const message = 'No tracking numbers yet. A manager maps one with /roi number +1 555 010 2000 source:trade-show.';
    return { text: buildFallbackText(message), blocks: [section(escapeSlackText(message))] };
  }
  const lines = numbers.map(
    (number) =>
      `• *${escapeSlackText(formatPhoneNumber(number.number))}* → ${escapeSlackText(describeMapping(number))}`,
  );
  const title = `Tracking numbers (${numbers.length})`;
  return { text: buildFallbackText(title), blocks: [header(title), ...buildLineSections(lines)] };
}

/** "about 3 in 5": the share as a small fraction people say aloud. */
function describeShareInFive(share: number): string {
  return `about ${Math.round(share * 5)} in 5`;
}

export function buildChannelLine(mix: InquiryMix): string {
  if (mix.inquiries === 0) return 'No inquiries in this period.';
  const shares = mix.channels.map(
    (row, index) =>
      `${CHANNEL_LABELS[row.channel]} ${formatPercent(row.share)}${index === 0 ? ` (${describeShareInFive(row.share)})` : ''}`,
  );
  return `${mix.inquiries} inquiries: ${shares.join(' · ')}`;
}

export function buildAgreementLine(mix: InquiryMix): string {
  if (mix.agreementRate === null) return 'No lead has both a tracked and a said source yet.';
  return `tracked and said agree on ${mix.agree} of ${mix.both} (${formatPercent(mix.agreementRate)})`;
}

function buildBasisLine(mix: InquiryMix): string {
  const { said, tracked, logged, unknown } = mix.basis;
  return (
    `Attribution used what the caller said for ${said} new leads, the tracked source for ${tracked}, ` +
    `the source a rep logged for ${logged}; ${unknown} without a source.`
  );
}

export function buildSourcesReply(mix: InquiryMix): Reply {
  const title = `Tracked vs said — ${mix.period.label}`;
  const rows = mix.agreement.map(
    (row) =>
      `• *${escapeSlackText(sourceLabel(row.source))}* (tracked): ${row.agree} of ${row.both} said the same (${formatPercent(row.rate)})`,
  );
  const blocks: KnownBlock[] = [
    header(title),
    section(`*Inquiries by channel* — ${escapeSlackText(buildChannelLine(mix))}`),
    section(`*Agreement* — ${escapeSlackText(buildAgreementLine(mix))}`),
    ...buildLineSections(rows).slice(0, SLACK_LIMITS.messageBlocks - 6),
    section(escapeSlackText(buildBasisLine(mix))),
    context([
      'Agreement = leads whose said source equals their tracked source / leads with both (new leads of the period). ' +
        'Inquiries = webhook inquiries (repeat calls included) + leads logged in Slack, by channel.',
    ]),
  ];
  return { text: buildFallbackText(title), blocks };
}
