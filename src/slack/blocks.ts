// Small Block Kit builders. Each one keeps its output inside Slack's limits by truncating, so a long company name
// shortens a line instead of making Slack reject the whole message.
//
// Convention: section/fields/context take mrkdwn that the caller has already built with escapeSlackText() around
// anything a user typed; header/button/image take plain text and escape it themselves.

import type { types } from '@slack/bolt';
import { countChars, SLACK_LIMITS } from './limits.js';

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type HeaderBlock = types.HeaderBlock;
export type DividerBlock = types.DividerBlock;
export type ImageBlock = types.ImageBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;

const ELLIPSIS = '…';

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). Inside a name they would
 * turn the rest of the line around — the lead id, the owner, the amount that follow it — so Slack is never shown
 * them. Zero-width characters and the LRM/RLM marks are kept: once `<`, `>` and `&` are escaped they can make
 * nothing ping or link, and emoji and several scripts need them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Makes user text inert in mrkdwn and plain text: no `<!channel>` pings, no fake links, no reordered lines. Slack
 * decodes exactly these three entities.
 */
export function escapeSlackText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shortens to at most `max` characters (as Slack counts them), ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  if (countChars(text) <= max) return text;
  if (max <= 0) return '';
  return Array.from(text)
    .slice(0, max - 1)
    .join('')
    .concat(ELLIPSIS);
}

/**
 * Like truncate, but never cuts inside an `&amp;` entity or a `<@U123>` / `<url|label>` token, whose halves
 * would show as garbage or break the link.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (countChars(text) <= max) return text;
  let kept = Array.from(text)
    .slice(0, Math.max(0, max - 1))
    .join('');
  const openToken = kept.lastIndexOf('<');
  if (openToken > kept.lastIndexOf('>')) kept = kept.slice(0, openToken);
  const openEntity = kept.lastIndexOf('&');
  if (openEntity >= 0 && !kept.slice(openEntity).includes(';')) kept = kept.slice(0, openEntity);
  return kept + ELLIPSIS;
}

/** A plain_text object showing `text` as typed (escaped: Slack decodes entities there too), within `max`. */
export function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncateMrkdwn(escapeSlackText(text), max), emoji: true };
}

function mrkdwn(text: string, max: number): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max) };
}

function withBlockId<T extends object>(block: T, blockId: string | undefined): T & { block_id?: string } {
  return blockId === undefined ? block : { ...block, block_id: truncate(blockId, SLACK_LIMITS.blockId) };
}

/** Slack rejects empty text; a single space is the smallest text it accepts and shows nothing. */
function nonEmpty(text: string): string {
  return text.length === 0 ? ' ' : text;
}

export function header(text: string, blockId?: string): HeaderBlock {
  return withBlockId({ type: 'header', text: plainText(nonEmpty(text), SLACK_LIMITS.headerText) }, blockId);
}

export function section(text: string, blockId?: string): SectionBlock {
  return withBlockId({ type: 'section', text: mrkdwn(nonEmpty(text), SLACK_LIMITS.sectionText) }, blockId);
}

/** A two-column section; Slack shows at most 10 fields, so the rest are dropped (put them in another block). */
export function fields(list: readonly string[], blockId?: string): SectionBlock {
  const shown = list.slice(0, SLACK_LIMITS.sectionFields);
  const fieldList = (shown.length === 0 ? [' '] : shown).map((f) => mrkdwn(nonEmpty(f), SLACK_LIMITS.fieldText));
  return withBlockId({ type: 'section', fields: fieldList }, blockId);
}

export function context(list: readonly string[], blockId?: string): ContextBlock {
  const shown = list.slice(0, SLACK_LIMITS.contextElements);
  const elements = (shown.length === 0 ? [' '] : shown).map((e) => mrkdwn(nonEmpty(e), SLACK_LIMITS.contextText));
  return withBlockId({ type: 'context', elements }, blockId);
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/**
 * An image from a URL (`https://…`) or from a file uploaded with files.uploadV2 (its id, `F…`). Uploaded files go
 * in as `slack_file`, because their private URLs are not readable by Slack's image proxy.
 */
export function image(source: string, altText: string, options: { title?: string; blockId?: string } = {}): ImageBlock {
  const alt = truncateMrkdwn(escapeSlackText(nonEmpty(altText)), SLACK_LIMITS.imageAltText);
  const title = options.title === undefined ? {} : { title: plainText(options.title, SLACK_LIMITS.imageTitle) };
  const picture = /^https?:\/\//.test(source) ? { image_url: source } : { slack_file: { id: source } };
  return withBlockId({ type: 'image', alt_text: alt, ...title, ...picture }, options.blockId);
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
  url?: string;
}

export function button(spec: ButtonSpec): Button {
  const built: Button = {
    type: 'button',
    text: plainText(nonEmpty(spec.text), SLACK_LIMITS.buttonText),
    action_id: truncate(spec.actionId, SLACK_LIMITS.actionId),
  };
  if (spec.value !== undefined) built.value = truncate(spec.value, SLACK_LIMITS.buttonValue);
  if (spec.style !== undefined) built.style = spec.style;
  if (spec.url !== undefined) built.url = spec.url;
  return built;
}

/** A row of buttons; Slack allows 25 elements, the rest are dropped. */
export function actions(buttons: readonly Button[], blockId?: string): ActionsBlock {
  return withBlockId({ type: 'actions', elements: buttons.slice(0, SLACK_LIMITS.actionsElements) }, blockId);
}
