// Before a spend row is pushed, its page is read once more and merged like a pull. Push and pull run apart, so a
// push retried after an outage could otherwise write an amount built on an older total over one a person has typed
// into Notion since. One extra request per spend push; spend changes are a manager's few a month.

import { isFullPage } from '@notionhq/client';
import type { SyncContext } from './context.js';
import { classifyNotionError } from './errors.js';
import { applyPulledPage } from './pull-apply.js';

export async function refreshSpendFromNotion(ctx: SyncContext, id: string): Promise<void> {
  const link = ctx.services.links.getLink('spend', id);
  if (link === null) return;
  let page: Awaited<ReturnType<SyncContext['client']['pages']['retrieve']>>;
  try {
    page = await ctx.client.pages.retrieve({ page_id: link.pageId });
  } catch (error) {
    // A page that is gone is the update's business: it tells a trashed page from a database no longer shared.
    if (classifyNotionError(error).kind === 'gone') return;
    throw error;
  }
  if (!isFullPage(page) || page.in_trash) return;
  const customSources = ctx.services.leads.customSources();
  ctx.services.store.db.transaction(() => applyPulledPage(ctx, 'spend', page, customSources))();
}
