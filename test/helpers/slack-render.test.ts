import { describe, expect, it } from 'vitest';
import { renderMessage, renderMrkdwn, renderPlainText, renderSurface } from './slack-render.js';

describe('the model of what Slack shows', () => {
  it('reads control sequences in mrkdwn as pings, mentions and links', () => {
    const shown = renderMrkdwn('Hi <!channel>, <@U0REP1> moved <https://evil.example|this> in <#C0GENERAL>');

    expect(shown.text).toBe('Hi @channel, @U0REP1 moved this in #C0GENERAL');
    expect(shown.specials).toEqual([
      { kind: 'broadcast', target: 'channel' },
      { kind: 'user', id: 'U0REP1' },
      { kind: 'link', url: 'https://evil.example', label: 'this' },
      { kind: 'channel', id: 'C0GENERAL' },
    ]);
  });

  it('decodes the three entities once and makes nothing of escaped text', () => {
    const shown = renderMrkdwn('&lt;!channel&gt; Fish &amp; Chips &amp;lt;b&amp;gt; &quot;');

    expect(shown).toEqual({ text: '<!channel> Fish & Chips &lt;b&gt; &quot;', specials: [] });
  });

  it('shows a lone < as it is', () => {
    expect(renderMrkdwn('a < b').text).toBe('a < b');
  });

  it('decodes entities in plain text but makes nothing special there', () => {
    expect(renderPlainText('<!here> &amp; co')).toEqual({ text: '<!here> & co', specials: [] });
  });

  it('walks a message: its text, mrkdwn and plain text objects, never button values', () => {
    const shown = renderMessage({
      text: 'note &lt;1&gt;',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Title &amp; more' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Owner*\n<@U0REP2>' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, value: '<!here>' }] },
      ],
    });

    expect(shown.text).toBe('note <1>\nTitle & more\n*Owner*\n@U0REP2\nGo');
    expect(shown.specials).toEqual([{ kind: 'user', id: 'U0REP2' }]);
  });

  it('shows an input initial value exactly as sent', () => {
    const view = { blocks: [{ type: 'input', element: { type: 'plain_text_input', initial_value: 'A &amp; B' } }] };

    expect(renderSurface(view).text).toBe('A &amp; B');
  });
});
