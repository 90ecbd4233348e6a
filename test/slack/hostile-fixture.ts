// Hostile text for every free-text field, put where a person or Notion would put it, and the checks of what Slack
// shows of it: nothing pings, mentions or links, and the words read as typed (or are cut cleanly with "…").

import { expect } from 'vitest';
import type { FakeNotion } from '../fakes/notion/index.js';
import type { Rendered, Special } from '../helpers/slack-render.js';

const LONG = '<!here> & <@U0EVIL> '.repeat(150);

/** Typed by a person or into Notion; each one tries something else. */
export const HOSTILE = {
  ping: '<!channel> Ping Co',
  mention: '<@U0EVIL> Boss Ltd',
  link: '<https://evil.example|click> Deals',
  entity: 'Fish &lt;b&gt; &amp;amp; Chips',
  invisible: 'Zero\u200Bwidth \u202Eevil\u202C <\u200B!here> \u2067Co\u2069',
  long: LONG,
} as const;
export type HostileKey = keyof typeof HOSTILE;
export const HOSTILE_KEYS = Object.keys(HOSTILE) as HostileKey[];

/** Lead IDs typed into Notion's `Lead ID` column; the long name gets a plain one so it can be named by id. */
export const HOSTILE_IDS: Record<HostileKey, string> = {
  ping: '<!channel>',
  mention: '<@U0EVIL>',
  link: '<https://evil.example|id>',
  entity: '&lt;id&gt;',
  invisible: 'ID\u202E-7',
  long: 'L-000777',
};

export const TWIN = 'Twin <!here> &amp; Sons';
export const FAKE_OWNER_ID = (i: number) => `U0EVIL>|<!channel ${i}`;

/** Notion splits text into objects of at most 2000 characters. */
function richText(text: string) {
  const parts = text.match(/[\s\S]{1,2000}/g) ?? [];
  return parts.map((content) => ({ type: 'text' as const, text: { content } }));
}

function buildRow(name: string, leadId: string, extra: Record<string, unknown>) {
  return { Name: { title: richText(name) }, 'Lead ID': { rich_text: richText(leadId) }, ...extra };
}

const date = (day: string) => ({ date: { start: day } });

/** The limits a pulled row keeps (as Slack input does): company and contact, then notes and lost reason. */
const NAME_LIMIT = 200;
const TEXT_LIMIT = 2000;

/**
 * Rows typed into Notion: for each hostile text a lead stuck at SQL since June (name, id, owner and contact hostile),
 * a lost lead created in the reported week without a source (owner, contact and lost reason hostile), and two leads
 * with the same hostile name.
 */
export function seedHostileNotionRows(notion: FakeNotion, leadsDataSource: string): void {
  const rows = HOSTILE_KEYS.flatMap((key, i) => {
    const text = HOSTILE[key];
    // The longest text each field takes: a Notion row over a limit Slack input keeps is skipped whole (the owner's
    // name has no limit, so it carries all 3,000 characters).
    const person = { Owner: { rich_text: richText(text) }, 'Owner ID': { rich_text: richText(FAKE_OWNER_ID(i)) } };
    const short = text.slice(0, NAME_LIMIT);
    const stuck = buildRow(short, HOSTILE_IDS[key], {
      ...person,
      Contact: { rich_text: richText(short) },
      Notes: { rich_text: richText(text.slice(0, TEXT_LIMIT)) },
      Stage: { select: { name: 'SQL' } },
      Campaign: { select: { name: '<!channel> expo' } },
      Created: date(`2026-05-0${i + 1}`),
      'MQL date': date(`2026-06-0${i + 1}`),
      'SQL date': date(`2026-06-0${i + 1}`),
    });
    const lost = buildRow(`Lost ${key}`, `L-00090${i}`, {
      ...person,
      Contact: { rich_text: richText(short) },
      'Lost reason': { rich_text: richText(text.slice(0, TEXT_LIMIT)) },
      Stage: { select: { name: 'Lost' } },
      Created: date('2026-11-17'),
    });
    return [stuck, lost];
  });
  rows.push(buildRow(TWIN, 'L-000801', { Stage: { select: { name: 'Lead' } } }));
  rows.push(buildRow(TWIN, 'L-000802', { Stage: { select: { name: 'Lead' } } }));
  notion.seedRows(leadsDataSource, rows.length, (i) => rows[i] ?? {});
}

/**
 * A planted leak at SQL → Opportunity, typed into Notion too, so the digest names stuck leads: 100 leads reached SQL
 * in August and September and 5 moved on, against a 90% plan for those months.
 */
export function seedPlantedLeak(notion: FakeNotion, dataSources: { lead: string; target: string }): void {
  notion.seedRows(dataSources.lead, 100, (i) => {
    const day = new Date(Date.UTC(2026, 7, 1) + i * 12 * 3_600_000).toISOString().slice(0, 10);
    const moved = i % 20 === 0;
    return buildRow(`Filler ${i}`, `L-00${1000 + i}`, {
      Source: { select: { name: 'referral' } },
      Stage: { select: { name: moved ? 'Opportunity' : 'SQL' } },
      Owner: { rich_text: richText('rosa') },
      'Owner ID': { rich_text: richText('U0REP2') },
      Created: date(day),
      'MQL date': date(day),
      'SQL date': date(day),
      ...(moved ? { 'Opportunity date': date('2026-10-01') } : {}),
    });
  });
  const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
  notion.seedRows(dataSources.target, months.length, (i) => ({
    Name: { title: richText(`${months[i]} · Opportunity`) },
    Month: date(`${months[i]}-01`),
    Stage: { select: { name: 'Opportunity' } },
    Rate: { number: 0.9 },
  }));
}

const KNOWN_USERS = new Set(['U0MANAGER', 'U0REP1', 'U0REP2']);

/** Mentions, broadcasts and links the app did not mean to make: only its own mentions and Notion links are. */
export function findForeignSpecials(rendered: Rendered): Special[] {
  return rendered.specials.filter(
    (special) =>
      !(
        (special.kind === 'user' && KNOWN_USERS.has(special.id)) ||
        (special.kind === 'channel' && /^C0[A-Z]+$/.test(special.id)) ||
        (special.kind === 'link' && /^https:\/\/www\.notion\.so\/[0-9a-f]{32}$/.test(special.url))
      ),
  );
}

/**
 * Bidirectional embedding, override and isolate controls would turn the rest of a line around after a name: Slack
 * is never shown them. Everything else (zero-width characters included) reads as typed.
 */
export function visibleForm(typed: string): string {
  return typed.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
}

/** The text shows `typed` as a person typed it, or a clean start of it followed by "…". */
export function expectReadsAsTyped(rendered: Rendered, typed: string, where: string): void {
  const wanted = visibleForm(typed);
  if (rendered.text.includes(wanted)) return;
  for (let length = wanted.length - 1; length >= 20; length -= 1) {
    if (rendered.text.includes(`${wanted.slice(0, length)}…`)) return;
  }
  expect.fail(
    `${where} does not show ${JSON.stringify(typed.slice(0, 60))} as typed:\n${rendered.text.slice(0, 2000)}`,
  );
}
