import { describe, expect, it } from 'vitest';
import { createMemoryLogger, redactSecrets } from '../src/log.js';

describe('logger', () => {
  it('writes one JSON line per entry with the bound fields', () => {
    const { logger, lines } = createMemoryLogger('info');
    logger.child({ component: 'sync' }).info('pushed', { count: 3 });
    logger.debug('hidden below the level');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'pushed', component: 'sync', count: 3 });
  });

  it('never lets a token or configured secret reach a line', () => {
    const { logger, lines } = createMemoryLogger('debug', ['my-signing-secret-123']);
    logger.error('request failed', {
      error: new Error('invalid_auth for xoxb-123-456-abc and xapp-1-A1-xyz'),
      header: 'Authorization: Bearer secret_abcdef123',
      body: 'signature computed with my-signing-secret-123',
    });
    const line = lines.join('\n');
    for (const leaked of ['xoxb-123', 'xapp-1-A1', 'secret_abcdef123', 'my-signing-secret-123']) {
      expect(line).not.toContain(leaked);
    }
    expect(line).toContain('invalid_auth');
  });

  it('redacts Notion token shapes', () => {
    expect(redactSecrets('token ntn_12345abcdef used')).toBe('token [redacted] used');
  });
});
