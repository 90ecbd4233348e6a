// Leads listed in a digest link to their Notion page, so a manager goes from "stuck at SQL" to the row in one click.

import type { LeadRef, WeeklyDigestData } from '../src/domain/types.js';

/** Notion opens a page at its id without dashes. */
export function buildNotionPageUrl(pageId: string): string {
  return `https://www.notion.so/${pageId.replace(/-/g, '')}`;
}

/** The digest data with each listed lead's Notion page attached where `pageIdOf` knows one. */
export function withNotionLinks(data: WeeklyDigestData, pageIdOf: (leadId: string) => string | null): WeeklyDigestData {
  const link = (lead: LeadRef): LeadRef => {
    const pageId = pageIdOf(lead.id);
    return pageId === null ? lead : { ...lead, notionUrl: buildNotionPageUrl(pageId) };
  };
  return {
    ...data,
    stuckLeads: data.stuckLeads.map(link),
    hygiene: { ...data.hygiene, staleOpportunities: data.hygiene.staleOpportunities.map(link) },
  };
}
