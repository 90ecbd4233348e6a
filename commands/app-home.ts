// `app_home_opened`: a person opened ROI Runway in Slack. Bolt acks the event at once; the tab is then computed
// (the team's figures in steps, shared within the minute) and published for that person alone.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { HomeTab } from '../src/slack/home-tab.js';

export function handleAppHomeOpened(homeTab: HomeTab) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    // The event also fires for the Messages tab, where there is nothing to publish.
    if (event.tab !== 'home') return;
    homeTab.noteOpened(event.user);
    await homeTab.publish(client, event.user);
  };
}
