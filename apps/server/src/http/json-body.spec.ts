import { describe, expect, it } from 'vitest';
import { AppError } from '@parley/kernel';
import { parseJsonBody } from './json-body.js';

function failure(text: string): AppError {
  try {
    parseJsonBody(Buffer.from(text));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseJsonBody', () => {
  it('parses JSON, a literal backslash-u0000 included', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,"x"],"b":null}'))).toEqual({ a: [1, 'x'], b: null });
    expect(parseJsonBody(Buffer.from('{"path":"C:\\\\u0000"}'))).toEqual({ path: 'C:\\u0000' });
  });

  it('rejects what is not JSON as malformed_json', () => {
    expect(failure('{"a":').code).toBe('malformed_json');
    // A raw NUL byte inside a string is not valid JSON either.
    expect(failure('{"a":"x\u0000"}').code).toBe('malformed_json');
  });

  it('rejects U+0000 in a string or a key as validation_failed, naming where', () => {
    expect(failure('"\\u0000"')).toMatchObject({ code: 'validation_failed', details: [{ path: '/' }] });
    expect(failure('{"message":{"text":"a\\u0000b"}}')).toMatchObject({ code: 'validation_failed', details: [{ path: '/message/text' }] });
    expect(failure('{"items":["ok",{"v":"\\u0000"}]}')).toMatchObject({ details: [{ path: '/items/1/v' }] });
    expect(failure('{"ke\\u0000y":1}')).toMatchObject({ code: 'validation_failed', details: [{ path: '/ke\\u0000y' }] });
  });
});
