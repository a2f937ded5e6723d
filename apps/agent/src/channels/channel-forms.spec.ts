import { describe, expect, it } from 'vitest';
import { buildConfig, CHANNEL_FIELDS, CHANNEL_TYPES, initialValues, webchatSnippet, webhookUrlOf } from './channel-forms.js';
import { detailLines } from './channels-api.js';

describe('channel creation forms', () => {
  it('builds the API config', () => {
    expect(buildConfig('api', { webhookUrl: ' http://127.0.0.1:9/hook ' })).toEqual({ webhookUrl: 'http://127.0.0.1:9/hook' });
  });

  it('nests email fields, converts ports and sends IMAP only in IMAP mode', () => {
    const values = {
      ...initialValues('email'),
      address: 'support@shop.test',
      'outbound.host': 'smtp.shop.test',
      'outbound.password': 'p w',
      'inbound.imap.host': 'imap.shop.test',
    };
    expect(buildConfig('email', values)).toEqual({
      address: 'support@shop.test',
      inbound: { mode: 'smtp', senderVerification: 'authentication-results' },
      outbound: { host: 'smtp.shop.test', port: 587, secure: false, password: 'p w' },
    });
    const imap = buildConfig('email', { ...values, 'inbound.mode': 'imap', 'inbound.imap.user': 'u', 'inbound.imap.password': 'x' });
    expect(imap.inbound).toEqual({
      mode: 'imap',
      imap: { host: 'imap.shop.test', port: 993, user: 'u', password: 'x' },
      senderVerification: 'authentication-results',
    });
  });

  it('leaves optional empty fields out (server defaults) and keeps webchat greetings nested', () => {
    expect(buildConfig('telegram', { botToken: '123:abc', secretToken: 's', apiBaseUrl: '' })).toEqual({ botToken: '123:abc', secretToken: 's' });
    expect(buildConfig('webchat', initialValues('webchat'))).toMatchObject({
      greeting: { fr: expect.any(String), en: expect.any(String) },
      defaultLocale: 'fr',
    });
  });

  it('uses password inputs for every secret the adapters seal', () => {
    const secrets = ['accessToken', 'appSecret', 'verifyToken', 'authToken', 'botToken', 'secretToken', 'outbound.password', 'inbound.imap.password'];
    for (const type of CHANNEL_TYPES)
      for (const field of CHANNEL_FIELDS[type]) if (secrets.includes(field.key)) expect(field.kind, `${type}.${field.key}`).toBe('password');
    expect(CHANNEL_FIELDS.email.find((f) => f.key === 'dkim.privateKey')?.kind).toBe('pem');
  });

  it('sends the DKIM settings nested, the key with its line breaks, and nothing when left empty', () => {
    const values = { ...initialValues('email'), address: 'support@shop.test', 'outbound.host': 'smtp.shop.test' };
    expect(buildConfig('email', values).dkim).toBeUndefined();
    const pem = '-----BEGIN PRIVATE KEY-----\r\nMIIE\r\n-----END PRIVATE KEY-----\r\n';
    const config = buildConfig('email', {
      ...values,
      'dkim.domain': 'shop.test',
      'dkim.selector': 's1',
      'dkim.privateKey': pem,
      'inbound.authservId': 'mx.shop.test',
      'inbound.senderVerification': 'envelope',
    });
    expect(config.dkim).toEqual({ domain: 'shop.test', selector: 's1', privateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' });
    expect(config.inbound).toEqual({ mode: 'smtp', authservId: 'mx.shop.test', senderVerification: 'envelope' });
  });

  it('gives the provider webhook URL and the web chat snippet', () => {
    expect(webhookUrlOf('https://p.test', 'twilio_sms', 'c1')).toBe('https://p.test/webhooks/twilio/c1');
    expect(webhookUrlOf('https://p.test', 'telegram', 'c1')).toBe('https://p.test/webhooks/telegram/c1');
    expect(webhookUrlOf('https://p.test', 'api', 'c1')).toBeNull();
    expect(webchatSnippet('https://p.test', 'c1', 'en')).toBe(
      '<script src="https://p.test/widget.js" async data-parley-channel="c1" data-parley-locale="en"></script>',
    );
  });

  it('reads validation details', () => {
    expect(
      detailLines([
        { path: ['botToken'], message: 'must be a bot token' },
        { path: '/', message: 'bad' },
      ]),
    ).toEqual(['botToken: must be a bot token', 'bad']);
    expect(detailLines(undefined)).toEqual([]);
  });
});
