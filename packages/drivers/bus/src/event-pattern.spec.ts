import { describe, expect, it } from 'vitest';
import { assertEventName, matchesEventPattern, parseEventPattern } from './event-pattern.js';

describe('parseEventPattern / matchesEventPattern', () => {
  it('matches exact names only', () => {
    const p = parseEventPattern('message.received');
    expect(matchesEventPattern(p, 'message.received')).toBe(true);
    expect(matchesEventPattern(p, 'message.received.late')).toBe(false);
    expect(matchesEventPattern(p, 'message')).toBe(false);
  });

  it('matches a prefix glob at any depth but not the bare prefix or a longer word', () => {
    const p = parseEventPattern('message.*');
    expect(matchesEventPattern(p, 'message.received')).toBe(true);
    expect(matchesEventPattern(p, 'message.delivery.failed')).toBe(true);
    expect(matchesEventPattern(p, 'message')).toBe(false);
    expect(matchesEventPattern(p, 'messages.received')).toBe(false);
  });

  it('matches everything with *', () => {
    expect(matchesEventPattern(parseEventPattern('*'), 'anything.at.all')).toBe(true);
  });

  it.each(['', '.*', 'mess*age', 'message*', '*.received', 'a.*.b', 'a.**'])('rejects %j', (pattern) => {
    expect(() => parseEventPattern(pattern)).toThrow(TypeError);
  });

  it('rejects event names with wildcards', () => {
    expect(() => assertEventName('message.*')).toThrow(TypeError);
    expect(() => assertEventName('')).toThrow(TypeError);
    expect(() => assertEventName('message.received')).not.toThrow();
  });
});
