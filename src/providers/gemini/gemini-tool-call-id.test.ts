import { describe, expect, it } from 'vitest';
import { newToolCallId, thoughtSignatureOf } from './gemini-tool-call-id.js';

describe('newToolCallId', () => {
  it('should make a different call_ id each time', () => {
    const first = newToolCallId();
    expect(first).toMatch(/^call_[0-9a-f]{24}$/);
    expect(newToolCallId()).not.toBe(first);
  });

  it('should carry a thought signature that thoughtSignatureOf gives back unchanged', () => {
    // Bytes chosen so that standard base64 holds + and / and ends with padding.
    const signature = Buffer.from([0xfb, 0xff, 0xbf, 0x01, 0x02]).toString('base64');
    expect(signature).toBe('+/+/AQI=');
    const id = newToolCallId(signature);
    expect(id).toMatch(/^call_[0-9a-f]{24}__ts_[A-Za-z0-9_-]+$/);
    expect(thoughtSignatureOf(id)).toBe(signature);
  });
});

describe('thoughtSignatureOf', () => {
  it.each([['call_abc'], ['toolu_01__ts_abc'], ['call_1234__ts_'], ['']])(
    'should find no signature in %j',
    (id) => {
      expect(thoughtSignatureOf(id)).toBeUndefined();
    },
  );
});
