import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baseSubject, extractConversationToken, normalizeMessageId, outboundMessageId, parseMessageIdList, replySubject } from './message-ids.js';

describe('Message-ID headers', () => {
  it('parses References and In-Reply-To lists, folded or not, without duplicates', () => {
    expect(parseMessageIdList('<a@x>\r\n <b@y>  <a@x>')).toEqual(['<a@x>', '<b@y>']);
    expect(parseMessageIdList(['<a@x>', '<c@z>'])).toEqual(['<a@x>', '<c@z>']);
    expect(parseMessageIdList('bare@host.test')).toEqual(['<bare@host.test>']);
    expect(parseMessageIdList('garbage')).toEqual([]);
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it('never throws and always returns bracketed ids found in the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined)), (value) => {
        const ids = parseMessageIdList(value);
        for (const id of ids) {
          expect(id).toMatch(/^<[^<>\s]+>$/);
          const inner = id.slice(1, -1);
          expect((typeof value === 'string' ? value : (value ?? []).join(' ')).includes(inner)).toBe(true);
        }
      }),
    );
  });

  it('round-trips generated ids', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const messageId = outboundMessageId(id, 'support@shop.test');
        expect(messageId).toBe(`<${id}@shop.test>`);
        expect(parseMessageIdList(`${messageId} <other@x>`)[0]).toBe(messageId);
      }),
    );
  });
});

describe('subjects', () => {
  it('builds "Re: <subject> [#token]" once, whatever the prefixes', () => {
    expect(replySubject('RE: TR: Commande 42 [#0123456789]', '0123456789', 'Votre demande')).toBe('Re: Commande 42 [#0123456789]');
    expect(replySubject('', 'abcdefabcd', 'Maison Lumière')).toBe('Re: Maison Lumière [#abcdefabcd]');
    expect(extractConversationToken('Re: Commande [#ABCDEF0123]')).toBe('abcdef0123');
    expect(extractConversationToken('Commande #12')).toBeNull();
    // A customer's own "[#" is not a second token marker (found by the property below).
    expect(replySubject('[#', '0123456789', 'X')).toBe('Re: [ [#0123456789]');
    expect(replySubject('[## [#0123456789]', '0123456789', 'X')).toBe('Re: [ [#0123456789]');
  });

  it('is idempotent: a reply to a reply keeps one prefix and one token', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (subject) => {
        const once = replySubject(subject, '0123456789', 'X');
        expect(replySubject(once, '0123456789', 'X')).toBe(once);
        expect(extractConversationToken(once)).toBe('0123456789');
        expect(baseSubject(once).includes('[#')).toBe(false);
      }),
    );
  });
});
