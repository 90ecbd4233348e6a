// Before a row whose figure is added to (its kind's addedField: a spend, a month's visits) is pushed, its page is
// read once more and merged like a pull. Push and pull run apart, so a push retried after an outage could otherwise
// write a figure built on an older total (`/roi cost` and `/roi visits` add) over one a person has typed into Notion
// since. One extra request per push of those kinds; they
// are a manager's few changes a month.

import { isFullPage } from '@notionhq/client';
import { type Entity, runTransaction } from '../store/index.js';
import type { SyncContext } from './context.js';
import { classifyNotionError } from './errors.js';
import { applyPulledPage } from './pull-apply.js';

export async function refreshFigureFromNotion(ctx: SyncContext, entity: Entity, id: string): Promise<void> {
  const link = ctx.services.links.getLink(entity, id);
  if (link === null) return;
  let page: Awaited<ReturnType<SyncContext['client']['pages']['retrieve']>>;
  const askedAt = ctx.clock();
  try {
    page = await ctx.client.pages.retrieve({ page_id: link.pageId });
  } catch (error) {
    // A page that is gone is the update's business: it tells a trashed page from a database no longer shared.
    if (classifyNotionError(error).kind === 'gone') return;
    throw error;
  }
  if (!isFullPage(page) || page.in_trash) return;
  const customSources = ctx.services.leads.customSources();
  runTransaction(ctx.services.store.db, () => applyPulledPage(ctx, entity, page, customSources, askedAt));
}
