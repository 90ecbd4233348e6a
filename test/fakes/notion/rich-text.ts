import type { ApiColor, RichTextItemResponse } from '@notionhq/client';
import { buildValidationError, isRecord } from './errors.js';
import { type RichTextItem, SELECT_COLORS } from './records.js';

export const MAX_RICH_TEXT_CHARS = 2000;
export const MAX_ARRAY_ITEMS = 100;

const API_COLORS: readonly ApiColor[] = [
  ...SELECT_COLORS,
  ...SELECT_COLORS.map((color): ApiColor => `${color}_background`),
];

/** Parses a request's rich text array (`[{ text: { content } }]`) with Notion's length limits. */
export function parseRichTextArray(raw: unknown, path: string): RichTextItem[] {
  if (!Array.isArray(raw)) throw buildValidationError(`body failed validation: ${path} should be an array.`);
  if (raw.length > MAX_ARRAY_ITEMS) {
    throw buildValidationError(
      `body failed validation: ${path}.length should be ≤ \`${MAX_ARRAY_ITEMS}\`, instead was \`${raw.length}\`.`,
    );
  }
  return raw.map((item, index) => parseRichTextItem(item, `${path}[${index}]`));
}

function parseRichTextItem(raw: unknown, path: string): RichTextItem {
  if (!isRecord(raw) || !isRecord(raw.text)) {
    throw buildValidationError(`body failed validation: ${path}.text should be defined (the fake supports text only).`);
  }
  if (raw.type !== undefined && raw.type !== 'text') {
    throw buildValidationError(`body failed validation: ${path}.type should be \`text\` in this fake.`);
  }
  const { content, link } = raw.text;
  if (typeof content !== 'string') {
    throw buildValidationError(`body failed validation: ${path}.text.content should be a string.`);
  }
  if (content.length > MAX_RICH_TEXT_CHARS) {
    throw buildValidationError(
      `body failed validation: ${path}.text.content.length should be ≤ \`${MAX_RICH_TEXT_CHARS}\`, instead was \`${content.length}\`.`,
    );
  }
  const annotations = isRecord(raw.annotations) ? raw.annotations : {};
  const color = API_COLORS.find((known) => known === annotations.color);
  if (annotations.color !== undefined && color === undefined) {
    throw buildValidationError(`body failed validation: ${path}.annotations.color is not a Notion color.`);
  }
  return {
    content,
    link: isRecord(link) && typeof link.url === 'string' ? link.url : null,
    bold: annotations.bold === true,
    italic: annotations.italic === true,
    strikethrough: annotations.strikethrough === true,
    underline: annotations.underline === true,
    code: annotations.code === true,
    color: color ?? 'default',
  };
}

export function buildRichTextResponse(item: RichTextItem): RichTextItemResponse {
  return {
    type: 'text',
    text: { content: item.content, link: item.link === null ? null : { url: item.link } },
    annotations: {
      bold: item.bold,
      italic: item.italic,
      strikethrough: item.strikethrough,
      underline: item.underline,
      code: item.code,
      color: item.color,
    },
    plain_text: item.content,
    href: item.link,
  };
}

export function buildPlainText(items: readonly RichTextItem[]): string {
  return items.map((item) => item.content).join('');
}

export function buildTextItem(content: string): RichTextItem {
  return {
    content,
    link: null,
    bold: false,
    italic: false,
    strikethrough: false,
    underline: false,
    code: false,
    color: 'default',
  };
}
