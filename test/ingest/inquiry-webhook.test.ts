// POST /ingest/inquiry through the real app on its HTTP port: signed and unsigned calls, bad bodies, repeated ids,
// unknown and differently written tracking numbers, and the two call-tracking tools' payloads.

import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { computeIngestSignature } from '../../src/ingest/signature.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { countRows } from '../store/store-fixtures.js';
import { INGEST_SECRET, sendInquiry } from './ingest-client.js';

/** Wednesday 25 November 2026, 15:00 UTC. */
const NOW = Date.UTC(2026, 10, 25, 15);
let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start(mode: 'http' | 'socket' = 'http', env: Record<string, string> = { INGEST_SECRET }) {
  t = await startTestApp({ mode, env, clock: () => NOW, logLevel: 'info', startPrompts: false });
  t.services.plans.recordNumber(
    { number: '+15550102000', campaign: 'spring-expo', source: 'trade-show' },
    { actor: { id: 'U0MANAGER', name: 'maria' } },
  );
  return { app: t, base: t.healthUrl.replace('/healthz', '') };
}

const CALL = {
  id: 'call-1',
  channel: 'phone',
  received_at: '2026-11-25T14:58:00Z',
  company: 'Acme Corp',
  contact: 'Jane Doe',
  caller_number: '(555) 010-7777',
  tracking_number: '+1 555 010 2000',
};

/** The lead an inquiry was matched to, once the processor has matched everything accepted. */
async function leadOf(app: TestApp, inquiryId: unknown): Promise<Lead | null> {
  await app.runtime.ingest.drain();
  const inquiry = app.services.inquiries.getInquiry(String(inquiryId));
  return inquiry === null ? null : app.services.leads.getLead(inquiry.leadId);
}

describe('the inquiry webhook', () => {
  it('answers 404 while INGEST_SECRET is unset', async () => {
    const { base } = await start('http', {});
    expect((await sendInquiry(base, NOW, CALL)).status).toBe(404);
    await t?.runtime.ingest.drain();
    expect(t?.service.listLeads()).toEqual([]);
  });

  it('accepts a signed inquiry with 202 and its tracked source, then logs the lead with its channel', async () => {
    const { app, base } = await start();
    const sent = await sendInquiry(base, NOW, CALL);

    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({
      ok: true,
      status: 'accepted',
      id: 'call-1',
      tracked: { source: 'trade-show', campaign: 'spring-expo', via: 'number', unmapped_number: false },
    });
    expect(await leadOf(app, sent.body.id)).toMatchObject({
      company: 'Acme Corp',
      contact: 'Jane Doe',
      source: 'trade-show',
      campaign: 'spring-expo',
      trackedSource: 'trade-show',
      channel: 'phone',
      createdAt: Date.UTC(2026, 10, 25, 14, 58),
      notes: 'Caller: +15550107777',
    });
  });

  it('takes the same id twice as one inquiry: 200, the same lead, nothing new', async () => {
    const { app, base } = await start();
    await sendInquiry(base, NOW, CALL);
    await app.runtime.ingest.drain();
    const again = await sendInquiry(base, NOW, { ...CALL, company: 'Someone Else' });
    await app.runtime.ingest.drain();

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ok: true, status: 'duplicate', id: 'call-1', lead_id: 'L-000001' });
    expect(app.service.listLeads()).toHaveLength(1);
    expect(countRows(app.store, 'inquiries')).toBe(1);
  });

  it('refuses a wrong signature, a missing one, a stale or future timestamp and another secret: 401, nothing changes', async () => {
    const { app, base } = await start();
    const answers = [
      await sendInquiry(base, NOW, CALL, { signature: 'v1=00ff' }),
      await sendInquiry(base, NOW, CALL, { signature: null }),
      await sendInquiry(base, NOW, CALL, { timestamp: Math.floor(NOW / 1000) - 301 }),
      await sendInquiry(base, NOW, CALL, { timestamp: Math.floor(NOW / 1000) + 301 }),
      await sendInquiry(base, NOW, CALL, { secret: 'another-secret-0123456789' }),
    ];

    expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
      [401, 'bad_signature'],
      [401, 'missing'],
      [401, 'stale_timestamp'],
      [401, 'stale_timestamp'],
      [401, 'bad_signature'],
    ]);
    expect(app.service.listLeads()).toEqual([]);
    expect(countRows(app.store, 'inquiries')).toBe(0);
    // A body signed, then changed on the way, fails too: the signature covers the raw bytes.
    const timestamp = String(Math.floor(NOW / 1000));
    const signature = computeIngestSignature(INGEST_SECRET, timestamp, JSON.stringify(CALL));
    const tampered = await sendInquiry(base, NOW, CALL, {
      raw: JSON.stringify({ ...CALL, company: 'Evil' }),
      signature,
    });
    expect(tampered.status).toBe(401);
    await app.runtime.ingest.drain();
    expect(app.service.listLeads()).toEqual([]);
    expect(app.logs.join('\n')).not.toContain(INGEST_SECRET);
  });

  it('answers a bad body with 400 and every field problem, and changes nothing', async () => {
    const { app, base } = await start();
    const bad = await sendInquiry(base, NOW, { channel: 'fax', received_at: 'yesterday', owner: 'not an owner' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      ok: false,
      error: 'invalid_body',
      errors: {
        id: 'required: the id your tool gives the call or form',
        company: 'required: the company (or, failing that, the caller) the inquiry is from',
        channel: 'one of phone, email, web-form, chat, in-person, other',
        received_at: 'an ISO 8601 time such as 2026-11-23T15:04:05Z',
        owner: 'a Slack user id (U…) or an email address',
      },
    });
    const badNumber = await sendInquiry(base, NOW, { ...CALL, tracking_number: 'ext. 12' });
    expect(badNumber.body).toEqual({
      ok: false,
      error: 'invalid_body',
      errors: { tracking_number: '"ext. 12" is not a phone number (e.g. +1 555 010 2000)' },
    });
    expect((await sendInquiry(base, NOW, null, { raw: '{"id": ' })).body).toEqual({ ok: false, error: 'invalid_json' });
    expect((await sendInquiry(base, NOW, CALL, { format: 'twilio' })).status).toBe(400);
    const huge = await sendInquiry(base, NOW, { ...CALL, notes: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    await app.runtime.ingest.drain();
    expect(app.service.listLeads()).toEqual([]);
  });

  it('accepts an unknown tracking number: the lead is logged with no tracked source, and the answer says so', async () => {
    const { app, base } = await start();
    const sent = await sendInquiry(base, NOW, { ...CALL, tracking_number: '+1 555 010 9999' });

    expect(sent.status).toBe(202);
    expect(sent.body.tracked).toEqual({ source: null, campaign: null, via: null, unmapped_number: true });
    expect(await leadOf(app, sent.body.id)).toMatchObject({ source: 'unknown', campaign: null });
  });

  it('finds the tracking number however it is written', async () => {
    const { app, base } = await start();
    const written = ['+1 555 010 2000', '(555) 010-2000', '555.010.2000', '1-555-010-2000', 'tel:+1-555-010-2000'];
    for (const [index, number] of written.entries()) {
      const sent = await sendInquiry(base, NOW, {
        ...CALL,
        id: `call-${index}`,
        company: `Company ${'ABCDE'[index]}`,
        tracking_number: number,
      });
      expect(sent.body.tracked).toMatchObject({ source: 'trade-show', campaign: 'spring-expo' });
    }
    await app.runtime.ingest.drain();
    expect(app.service.listLeads().map((lead) => lead.trackedSource)).toEqual(Array(5).fill('trade-show'));
  });

  it('maps a CallRail post-call webhook and a CallTrackingMetrics call webhook', async () => {
    const { app, base } = await start();
    const callRail = {
      id: 'CAL8154748ae6bd4e278a7cddd38a662f4f',
      start_time: '2026-11-25T09:45:00.000-05:00',
      customer_name: 'Globex Industrial',
      customer_phone_number: '+14045551234',
      tracking_phone_number: '+15550102000',
      source: 'Google Ads',
      answered: true,
      duration: 95,
    };
    const ctm = {
      id: 9087,
      unix_time: Math.floor(Date.UTC(2026, 10, 25, 14, 50) / 1000),
      name: 'Initech Pumps',
      caller_number: '+14045550000',
      tracking_number: '+15550109999',
      source: 'Google Organic',
      business_number: '+15550100000',
    };
    const fromCallRail = await sendInquiry(base, NOW, callRail, { format: 'callrail' });
    const fromCtm = await sendInquiry(base, NOW, ctm, { format: 'ctm' });

    expect([fromCallRail.status, fromCtm.status]).toEqual([202, 202]);
    expect(await leadOf(app, fromCallRail.body.id)).toMatchObject({
      company: 'Globex Industrial',
      source: 'trade-show',
      trackedSource: 'trade-show',
      channel: 'phone',
      createdAt: Date.UTC(2026, 10, 25, 14, 45),
    });
    // The CTM number is not mapped; its tracking source name is a catalog alias ("Google Organic" → organic search).
    expect(await leadOf(app, fromCtm.body.id)).toMatchObject({
      company: 'Initech Pumps',
      source: 'organic-search',
      trackedSource: 'organic-search',
    });
    expect(app.services.inquiries.getInquiry('callrail:CAL8154748ae6bd4e278a7cddd38a662f4f')).not.toBeNull();
    expect(app.services.inquiries.getInquiry('ctm:9087')).not.toBeNull();
  });

  it('is served on PORT in Socket Mode too, beside /healthz', async () => {
    const { app, base } = await start('socket');
    const sent = await sendInquiry(base, NOW, CALL);
    expect(sent.status).toBe(202);
    await app.runtime.ingest.drain();
    expect(app.service.listLeads()).toHaveLength(1);
    expect((await fetch(`${base}/ingest/inquiry`)).status).toBe(405);
  });
});
