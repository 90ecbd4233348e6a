// The Notion fields of /roi settings read as a request, on hand-written submissions: what an empty token, a page
// link, a page id and the disconnect box each ask for, and what is refused under which field.

import { describe, expect, it } from 'vitest';
import { parseNotionRequest } from '../../commands/roi-settings-notion.js';

const TOKEN = `ntn_${'a1'.repeat(23)}`;
const NEW_TOKEN = `secret_${'b2'.repeat(21)}`;
const PAGE = '01234567-89ab-cdef-0123-456789abcdef';
const OTHER_PAGE = 'fedcba98-7654-3210-fedc-ba9876543210';
const CONNECTED = { token: TOKEN, parentPageId: PAGE, databases: { leadsDb: 'l', spendDb: 's', targetsDb: 't' } };

function submitted(fields: { token?: string; page?: string; disconnect?: boolean }) {
  const text = (value: string | undefined) => ({ value: { type: 'plain_text_input', value: value ?? null } });
  return {
    NOTION_TOKEN: text(fields.token),
    NOTION_PAGE: text(fields.page),
    NOTION_DISCONNECT: {
      value: { type: 'checkboxes', selected_options: fields.disconnect ? [{ value: 'disconnect' }] : [] },
    },
  };
}

describe('parseNotionRequest', () => {
  it('connects with a token and a page link, the id read from the link', () => {
    const link = `https://www.notion.so/acme/ROI-Runway-${PAGE.replaceAll('-', '')}?pvs=4`;
    expect(parseNotionRequest(submitted({ token: ` ${TOKEN} `, page: link }), null)).toEqual({
      ok: true,
      request: { kind: 'connect', token: TOKEN, parentPageId: PAGE },
    });
  });

  it('keeps the stored token when the field is left empty, and runs the setup again only for a new page', () => {
    expect(parseNotionRequest(submitted({ page: PAGE }), CONNECTED)).toEqual({ ok: true, request: { kind: 'keep' } });
    expect(parseNotionRequest(submitted({}), CONNECTED)).toEqual({ ok: true, request: { kind: 'keep' } });
    expect(parseNotionRequest(submitted({ page: OTHER_PAGE }), CONNECTED)).toEqual({
      ok: true,
      request: { kind: 'connect', token: TOKEN, parentPageId: OTHER_PAGE },
    });
    expect(parseNotionRequest(submitted({ token: NEW_TOKEN, page: PAGE }), CONNECTED)).toEqual({
      ok: true,
      request: { kind: 'connect', token: NEW_TOKEN, parentPageId: PAGE },
    });
  });

  it('disconnects only a connected workspace', () => {
    expect(parseNotionRequest(submitted({ page: PAGE, disconnect: true }), CONNECTED)).toEqual({
      ok: true,
      request: { kind: 'disconnect' },
    });
    expect(parseNotionRequest(submitted({ disconnect: true }), null)).toEqual({ ok: true, request: { kind: 'keep' } });
  });

  it('refuses bad shapes and half a connection under the field concerned', () => {
    const refused = (fields: Parameters<typeof submitted>[0], connected = false) => {
      const checked = parseNotionRequest(submitted(fields), connected ? CONNECTED : null);
      return checked.ok ? {} : checked.errors;
    };
    expect(Object.keys(refused({ token: 'xoxb-123', page: PAGE }))).toEqual(['NOTION_TOKEN']);
    expect(Object.keys(refused({ token: 'secret_short', page: PAGE }))).toEqual(['NOTION_TOKEN']);
    expect(Object.keys(refused({ token: TOKEN, page: 'my page' }))).toEqual(['NOTION_PAGE']);
    expect(Object.keys(refused({ token: TOKEN }))).toEqual(['NOTION_PAGE']);
    expect(Object.keys(refused({ page: PAGE }))).toEqual(['NOTION_TOKEN']);
    expect(Object.keys(refused({ token: NEW_TOKEN, disconnect: true }, true))).toEqual(['NOTION_DISCONNECT']);
  });
});
