// What a person sees of a message or modal the app sent, modelled from Slack's formatting reference and written
// without the product's escaping code:
// - mrkdwn text objects and a message's `text`: `<…>` is a control sequence — a broadcast (`<!channel>`, `<!here>`,
//   `<!everyone>`, `<!subteam^…>`), a user or channel mention (`<@U…>`, `<#C…>`), a date, or a link (`<url|label>`)
//   — and only `&amp;`, `&lt;`, `&gt;` are decoded as entities (once: `&amp;lt;` shows as `&lt;`);
// - plain_text objects (headers, buttons, options, labels, alt text): the same three entities are decoded, and
//   nothing else is special;
// - an input's `initial_value` is shown in the box exactly as sent.
// Bold, italics and emoji codes are left as they are: they make nothing ping or link.

export type Special =
  | { kind: 'broadcast'; target: string }
  | { kind: 'user'; id: string }
  | { kind: 'channel'; id: string }
  | { kind: 'date'; raw: string }
  | { kind: 'link'; url: string; label: string };

export interface Rendered {
  /** The words as shown, one line per text object. */
  text: string;
  /** Every mention, broadcast and link the text makes. */
  specials: Special[];
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

function readControl(inner: string): { shown: string; special: Special } {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('!date^')) return { shown: label ?? '', special: { kind: 'date', raw: inner } };
  if (target.startsWith('!')) {
    const name = target.slice(1);
    return { shown: `@${label ?? name}`, special: { kind: 'broadcast', target: name } };
  }
  if (target.startsWith('@'))
    return { shown: `@${label ?? target.slice(1)}`, special: { kind: 'user', id: target.slice(1) } };
  if (target.startsWith('#')) {
    return { shown: `#${label ?? target.slice(1)}`, special: { kind: 'channel', id: target.slice(1) } };
  }
  const url = decodeEntities(target);
  return { shown: label ?? url, special: { kind: 'link', url, label: label ?? url } };
}

/** A mrkdwn text as Slack shows it. A `<` with no `>` after it is shown as it is. */
export function renderMrkdwn(source: string): Rendered {
  const specials: Special[] = [];
  let text = '';
  let at = 0;
  for (;;) {
    const open = source.indexOf('<', at);
    const close = open === -1 ? -1 : source.indexOf('>', open + 1);
    if (open === -1 || close === -1) {
      text += decodeEntities(source.slice(at));
      return { text, specials };
    }
    text += decodeEntities(source.slice(at, open));
    const control = readControl(source.slice(open + 1, close));
    text += control.shown;
    specials.push(control.special);
    at = close + 1;
  }
}

export function renderPlainText(source: string): Rendered {
  return { text: decodeEntities(source), specials: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every text object, alt text, initial value and link button inside blocks or a view, in order. */
function collect(value: unknown, into: Rendered[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (!isRecord(value)) return;
  if ((value.type === 'mrkdwn' || value.type === 'plain_text') && typeof value.text === 'string') {
    into.push(value.type === 'mrkdwn' ? renderMrkdwn(value.text) : renderPlainText(value.text));
    return;
  }
  if (typeof value.alt_text === 'string') into.push(renderPlainText(value.alt_text));
  if (typeof value.initial_value === 'string') into.push({ text: value.initial_value, specials: [] });
  if (value.type === 'button' && typeof value.url === 'string') {
    into.push({ text: '', specials: [{ kind: 'link', url: value.url, label: '' }] });
  }
  for (const [key, child] of Object.entries(value)) {
    // Button values, ids and metadata travel with the message but are never shown.
    if (key !== 'value' && key !== 'private_metadata') collect(child, into);
  }
}

function join(parts: readonly Rendered[]): Rendered {
  return { text: parts.map((part) => part.text).join('\n'), specials: parts.flatMap((part) => part.specials) };
}

/** A message: its notification text (read as mrkdwn, as Slack does) and its blocks. */
export function renderMessage(message: { text?: string; blocks?: unknown[] }): Rendered {
  const parts: Rendered[] = message.text === undefined ? [] : [renderMrkdwn(message.text)];
  collect(message.blocks ?? [], parts);
  return join(parts);
}

/** A modal, or a list of options answered to a type-ahead. */
export function renderSurface(surface: unknown): Rendered {
  const parts: Rendered[] = [];
  collect(surface, parts);
  return join(parts);
}
