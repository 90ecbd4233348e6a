// `/roi sources` and the digest's line: how often the tracked and the said source agree, per tracked source, and how
// inquiries arrive (the "3 in 5 by phone" figure for this team). Pure.

import { type AttributionBasis, decideAttributionBasis } from './inquiry-sources.js';
import { CHANNELS, type Channel, type Inquiry, type Lead, type Period } from './types.js';

export interface AgreementRow {
  /** The tracked source. */
  source: string;
  /** New leads of the period with this tracked source whose rep also recorded what the caller said. */
  both: number;
  /** Of those, the ones where the two are the same source. */
  agree: number;
  /** agree / both. */
  rate: number;
}

export interface ChannelShare {
  channel: Channel;
  count: number;
  /** count / all inquiries of the period. */
  share: number;
}

export interface InquiryMix {
  period: Period;
  /** Biggest first. */
  agreement: AgreementRow[];
  both: number;
  agree: number;
  /** agree / both over every source; null when no lead has both. */
  agreementRate: number | null;
  /** Most first; channels without inquiries are left out. */
  channels: ChannelShare[];
  inquiries: number;
  /** New leads of the period by what their Source is: said, tracked, logged by a rep, or unknown. */
  basis: Record<AttributionBasis, number>;
}

function isIn(period: Period, at: number): boolean {
  return at >= period.start && at < period.end;
}

function computeAgreement(leads: readonly Lead[]): AgreementRow[] {
  const rows = new Map<string, AgreementRow>();
  for (const lead of leads) {
    if (lead.trackedSource === undefined || lead.reportedSource === undefined) continue;
    const row = rows.get(lead.trackedSource) ?? { source: lead.trackedSource, both: 0, agree: 0, rate: 0 };
    row.both += 1;
    if (lead.reportedSource === lead.trackedSource) row.agree += 1;
    row.rate = row.agree / row.both;
    rows.set(lead.trackedSource, row);
  }
  return [...rows.values()].sort((a, b) => b.both - a.both || (a.source < b.source ? -1 : 1));
}

/**
 * Inquiries of the period: every inquiry the webhook accepted (a repeat call is an inquiry too), plus every lead
 * created in the period that no inquiry created (a rep logging a call is one inquiry, on the lead's channel).
 */
function computeChannels(leads: readonly Lead[], inquiries: readonly Inquiry[], period: Period) {
  const counts = new Map<Channel, number>();
  const createdByInquiry = new Set<string>();
  for (const inquiry of inquiries) {
    if (inquiry.createdLead) createdByInquiry.add(inquiry.leadId);
    if (isIn(period, inquiry.receivedAt)) counts.set(inquiry.channel, (counts.get(inquiry.channel) ?? 0) + 1);
  }
  for (const lead of leads) {
    if (!createdByInquiry.has(lead.id)) counts.set(lead.channel, (counts.get(lead.channel) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const channels = CHANNELS.flatMap((channel): ChannelShare[] => {
    const count = counts.get(channel) ?? 0;
    return count === 0 ? [] : [{ channel, count, share: count / total }];
  });
  return { channels: channels.sort((a, b) => b.count - a.count), total };
}

export function computeInquiryMix(leads: readonly Lead[], inquiries: readonly Inquiry[], period: Period): InquiryMix {
  const cohort = leads.filter((lead) => isIn(period, lead.createdAt));
  const agreement = computeAgreement(cohort);
  const both = agreement.reduce((sum, row) => sum + row.both, 0);
  const agree = agreement.reduce((sum, row) => sum + row.agree, 0);
  const { channels, total } = computeChannels(cohort, inquiries, period);
  const basis: Record<AttributionBasis, number> = { said: 0, tracked: 0, logged: 0, unknown: 0 };
  for (const lead of cohort) basis[decideAttributionBasis(lead)] += 1;
  return {
    period,
    agreement,
    both,
    agree,
    agreementRate: both === 0 ? null : agree / both,
    channels,
    inquiries: total,
    basis,
  };
}
