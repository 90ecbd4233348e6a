import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, parsePhoneNumber } from '../../src/ingest/phone.js';

describe('parsePhoneNumber', () => {
  it('reads one number written five ways (and as a tel: link) as the same E.164', () => {
    const written = ['+1 555 010 2000', '(555) 010-2000', '555.010.2000', '1-555-010-2000', 'tel:+1-555-010-2000'];
    expect(written.map((text) => parsePhoneNumber(text))).toEqual(
      written.map(() => ({ ok: true, value: '+15550102000' })),
    );
  });

  it('reads a national number in the configured region', () => {
    expect(parsePhoneNumber('020 7946 0958', 'GB')).toEqual({ ok: true, value: '+442079460958' });
    expect(parsePhoneNumber('+44 20 7946 0958', 'US')).toEqual({ ok: true, value: '+442079460958' });
  });

  it('refuses text that is not a phone number, with the reason', () => {
    expect(parsePhoneNumber('12')).toEqual({ ok: false, error: '"12" is not a phone number (e.g. +1 555 010 2000)' });
    expect(parsePhoneNumber('call me')).toMatchObject({ ok: false });
    expect(parsePhoneNumber('  ')).toEqual({ ok: false, error: 'the phone number is empty' });
  });

  it("reads a national number again in another region as that region's number (answers are kept per region)", () => {
    expect(parsePhoneNumber('020 7946 0958', 'GB')).toEqual({ ok: true, value: '+442079460958' });
    expect(parsePhoneNumber('020 7946 0958', 'US')).toMatchObject({ ok: false });
    expect(parsePhoneNumber('(02) 9374 4000', 'AU')).toEqual({ ok: true, value: '+61293744000' });
    for (let i = 0; i < 2_500; i++) parsePhoneNumber(`+1 555 010 ${String(i).padStart(4, '0')}`);
    expect(parsePhoneNumber('020 7946 0958', 'GB')).toEqual({ ok: true, value: '+442079460958' });
  });

  it('formats E.164 for people', () => {
    expect(formatPhoneNumber('+15550102000')).toBe('+1 555 010 2000');
  });
});
