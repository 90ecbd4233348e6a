// Publishing the App Home tab (views.publish). The team's figures (KPIs, leak verdict, runway) are computed in steps
// and shared by every person who opens the tab within the same minute on the same snapshot; the runway chart is
// uploaded once per picture (keyed by the runway's figures, which move only when the data it draws does) and reused
// by every tab until then. Who opened the tab, and when, is kept in memory (bounded) so the tabs can be republished
// after each digest; after a restart a person's tab refreshes the next time they open it.

import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { readSlackError } from '../../digests/channel-access.js';
import { buildNotionPageUrl } from '../../digests/notion-links.js';
import { buildRunwayFallback } from '../charts/runway-fallback.js';
import { detectLeaksInSteps } from '../domain/leak.js';
import { formatLocalDate, readLocalDateTime } from '../domain/local-time.js';
import { computeOwnLeadsInSteps } from '../domain/own-leads.js';
import { quarterContaining } from '../domain/periods.js';
import { computeKpisInSteps } from '../domain/roi.js';
import {
  computeProjectionMoment,
  computeRoiProjectionsInSteps,
  groupRoiProjections,
} from '../domain/roi-projection.js';
import { computeRunwayInSteps } from '../domain/runway.js';
import type { Runway } from '../domain/runway-types.js';
import type { Steps } from '../domain/steps.js';
import type { Dataset, LeadRef, TransitionFrom } from '../domain/types.js';
import { uploadPrivateChart } from './chart-upload.js';
import type { AppDeps } from './deps.js';
import { buildHomeView, type HomeFigures } from './views/home-views.js';
import type { RunwayChartImage } from './views/runway-views.js';

export interface HomeTabDeps
  extends Pick<AppDeps, 'config' | 'services' | 'settings' | 'charts' | 'log' | 'clock' | 'workspace'> {
  /** Runs figures computed in steps; the bot passes runInTurns so acks go out in between. */
  runSteps: <T>(steps: Steps<T>) => Promise<T>;
  /** Waits before publishing again while Slack processes a fresh chart (tests pass a quick one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface HomeTab {
  /** Records that `userId` opened the tab now (for the republish after a digest). */
  noteOpened(userId: string): void;
  /** Computes and publishes the person's tab; never throws (a failure is logged). */
  publish(client: WebClient, userId: string): Promise<boolean>;
  /** Republishes the tabs opened within RECENT_OPEN_MS, one after another; answers how many were published. */
  republishRecent(client: WebClient): Promise<number>;
}

/** A tab opened within this long is refreshed after a digest; older ones refresh on their next open. */
export const RECENT_OPEN_MS = 14 * 86_400_000;
/** People remembered at most; past that the longest-unseen is forgotten. */
export const MAX_REMEMBERED_OPENS = 1_000;
/** Waits before publishing again while Slack is still processing a chart just uploaded. */
export const HOME_PUBLISH_RETRY_MS = [500, 1_000, 2_000] as const;
const FIGURES_GRAIN_MS = 60_000;

type TeamFigures = Omit<HomeFigures, 'own'> & { usualDays: Partial<Record<TransitionFrom, number>> };

function* computeTeamFiguresInSteps(deps: HomeTabDeps, data: Dataset, asOf: number): Steps<TeamFigures> {
  const { settings } = deps;
  const quarter = quarterContaining(asOf, settings.timeZone);
  const kpis = yield* computeKpisInSteps(data, quarter, settings, asOf);
  yield;
  const leak = yield* detectLeaksInSteps(data, asOf, settings);
  const year = readLocalDateTime(asOf, settings.timeZone).year;
  const runway = yield* computeRunwayInSteps({ data, year, asOf, timeZone: settings.timeZone, leak });
  const usualDays = Object.fromEntries(leak.transitions.map((t) => [t.from, t.maturityDays]));
  const query = { period: quarter, asOf: computeProjectionMoment(asOf), settings, model: 'first-touch' as const };
  const watch = groupRoiProjections(yield* computeRoiProjectionsInSteps(data, { ...query, kind: 'campaign' }));
  return { asOf, quarter, kpis, leak, runway, watch, usualDays };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Slack refuses a view whose image file it is still processing with invalid_arguments (or invalid_blocks). */
function isRefusedView(error: unknown): boolean {
  const code = readSlackError(error);
  return code === 'invalid_arguments' || code === 'invalid_blocks';
}

export function createHomeTab(deps: HomeTabDeps): HomeTab {
  const opened = new Map<string, number>();
  let shared: { data: Dataset; minute: number; figures: Promise<TeamFigures> } | null = null;
  let chart: { key: string; fileId: Promise<string | null>; altText: string } | null = null;
  const sleep = deps.sleep ?? realSleep;

  function readTeamFigures(): Promise<TeamFigures> {
    const data = deps.services.leads.dataset();
    const now = deps.clock();
    const minute = Math.floor(now / FIGURES_GRAIN_MS);
    if (shared?.data === data && shared.minute === minute) return shared.figures;
    const figures = deps.runSteps(computeTeamFiguresInSteps(deps, data, now));
    shared = { data, minute, figures };
    figures.catch(() => {
      if (shared?.figures === figures) shared = null;
    });
    return figures;
  }

  /**
   * The chart of this runway, uploaded once and reused. Keyed by what it draws and the day (not the minute of asOf):
   * with no new lead, visit or target the picture is the same, and so is its Slack file.
   */
  function readChart(client: WebClient, runway: Runway): Promise<RunwayChartImage> {
    const { asOf, ...drawn } = runway;
    const day = formatLocalDate(asOf, deps.settings.timeZone);
    const key = createHash('sha256').update(day).update(JSON.stringify(drawn)).digest('hex');
    if (chart?.key !== key) {
      const altText = buildRunwayFallback(runway);
      const entry = { key, altText, fileId: uploadRunwayChart(client, runway, altText) };
      chart = entry;
      // A failed upload is not kept: the next open tries again.
      void entry.fileId.then((id) => {
        if (id === null) forgetChart(entry);
      });
    }
    const { altText, fileId } = chart;
    return fileId.then((id) => ({ fileId: id, altText }));
  }

  function forgetChart(entry: typeof chart): void {
    if (chart === entry) chart = null;
  }

  async function uploadRunwayChart(client: WebClient, runway: Runway, altText: string): Promise<string | null> {
    const title = `Results Runway ${runway.year}`;
    try {
      const png = deps.charts.renderRunway(runway);
      return await uploadPrivateChart(
        client,
        { png, filename: `roi-runway-home-${runway.year}.png`, title, altText },
        deps.log,
      );
    } catch (error) {
      deps.log.warn('The runway chart could not be drawn; its words stand in', { error });
      return null;
    }
  }

  function linkLead<T extends LeadRef>(lead: T): T {
    const pageId = deps.services.links.getLink('lead', lead.id)?.pageId;
    return pageId === undefined ? lead : { ...lead, notionUrl: buildNotionPageUrl(pageId) };
  }

  async function buildFigures(userId: string): Promise<HomeFigures> {
    const team = await readTeamFigures();
    const { leads } = deps.services.leads.dataset();
    const own = await deps.runSteps(computeOwnLeadsInSteps(leads, userId, team.asOf, team.usualDays));
    return { ...team, own: { ...own, withoutSource: own.withoutSource.map(linkLead), stuck: own.stuck.map(linkLead) } };
  }

  async function publishView(client: WebClient, userId: string, figures: HomeFigures, image: RunwayChartImage) {
    const isManager = deps.config.managers.includes(userId);
    const workspaceSettings = deps.workspace !== undefined;
    const view = buildHomeView({ figures, chart: image, isManager, workspaceSettings, settings: deps.settings });
    await client.views.publish({ user_id: userId, view });
  }

  /**
   * Publishes with the chart; while Slack is still processing a fresh upload it refuses the view, so the publish is
   * tried again after a pause, and in the end made with the chart's words (the next open uploads it again).
   */
  async function publishWithChart(client: WebClient, userId: string, figures: HomeFigures): Promise<void> {
    const shown = await readChart(client, figures.runway);
    const entry = chart;
    if (shown.fileId === null) return publishView(client, userId, figures, shown);
    for (const delay of [...HOME_PUBLISH_RETRY_MS, null]) {
      try {
        return await publishView(client, userId, figures, shown);
      } catch (error) {
        if (!isRefusedView(error)) throw error;
        if (delay === null) break;
        await sleep(delay);
      }
    }
    deps.log.warn('The Home tab with its chart was refused; publishing the chart in words', { userId });
    forgetChart(entry);
    await publishView(client, userId, figures, { fileId: null, altText: shown.altText });
  }

  async function publish(client: WebClient, userId: string): Promise<boolean> {
    try {
      await publishWithChart(client, userId, await buildFigures(userId));
      return true;
    } catch (error) {
      deps.log.error('Could not publish the Home tab', { userId, error });
      return false;
    }
  }

  return {
    noteOpened(userId) {
      opened.delete(userId);
      opened.set(userId, deps.clock());
      // A Map keeps insertion order, and each open re-inserts: the first key is the longest unseen.
      if (opened.size > MAX_REMEMBERED_OPENS) opened.delete(opened.keys().next().value!);
    },
    publish,
    async republishRecent(client) {
      const since = deps.clock() - RECENT_OPEN_MS;
      let published = 0;
      for (const [userId, at] of [...opened]) {
        if (at >= since && (await publish(client, userId))) published += 1;
      }
      deps.log.info('Home tabs republished after the digest', { published });
      return published;
    },
  };
}
