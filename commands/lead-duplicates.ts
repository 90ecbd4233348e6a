// `/lead duplicates`: the likeliest duplicate pairs of the whole book, worked out a few milliseconds per turn of the
// event loop (100k leads take a few hundred milliseconds), each pair with a button that merges it.

import { computeBookDuplicatesInSteps } from '../src/domain/duplicates.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildDuplicatesReply } from '../src/slack/views/duplicate-views.js';
import type { Reply } from '../src/slack/views/reply.js';
import { buildLeadFormat } from './format.js';
import { buildMergeButton } from './lead-merge.js';
import { runInTurns } from './respond.js';

export async function runDuplicates(deps: AppDeps): Promise<Reply> {
  const data = deps.services.leads.dataset();
  const report = await runInTurns(computeBookDuplicatesInSteps(data));
  // The newer lead goes into the older one: old links, the first source and the longest history stay put.
  const merges = report.pairs.map((pair) =>
    buildMergeButton(pair.merge, pair.keep, `Merge ${pair.merge.id} into ${pair.keep.id}`),
  );
  const list = { pairs: report.pairs, total: report.total, leadCount: data.leads.length, merges };
  return buildDuplicatesReply(list, buildLeadFormat(deps));
}
