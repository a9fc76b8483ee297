import { describe, expect, it } from 'vitest';
import { geminiDeployment } from './__fixtures__/gemini-deployment.js';
import { geminiHeaders, geminiUrl } from './gemini-endpoints.js';

describe('geminiUrl', () => {
  const google = 'https://generativelanguage.googleapis.com';

  it.each([
    ['generateContent', `${google}/v1beta/models/gemini-2.5-flash:generateContent`],
    [
      'streamGenerateContent',
      `${google}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
    ],
    ['batchEmbedContents', `${google}/v1beta/models/gemini-2.5-flash:batchEmbedContents`],
  ] as const)('should address %s under v1beta', (method, expected) => {
    expect(geminiUrl(geminiDeployment(), method)).toBe(expected);
  });

  it.each([
    ['a bare origin', 'http://127.0.0.1:9000', 'http://127.0.0.1:9000/v1beta'],
    ['a base naming v1beta', 'http://127.0.0.1:9000/v1beta', 'http://127.0.0.1:9000/v1beta'],
    ['a base naming v1', 'http://127.0.0.1:9000/v1', 'http://127.0.0.1:9000/v1'],
    ['a base with a path', 'http://proxy.local/gemini', 'http://proxy.local/gemini/v1beta'],
  ])('should add the API version to %s only when it has none', (_name, apiBase, prefix) => {
    expect(geminiUrl(geminiDeployment({ apiBase }), 'generateContent')).toBe(
      `${prefix}/models/gemini-2.5-flash:generateContent`,
    );
  });

  it('should accept a model written with its models/ prefix', () => {
    const deployment = geminiDeployment({ upstreamModel: 'models/gemini-2.5-pro' });
    expect(geminiUrl(deployment, 'generateContent')).toBe(
      `${google}/v1beta/models/gemini-2.5-pro:generateContent`,
    );
  });

  it('should never put the API key in the URL', () => {
    const deployment = geminiDeployment({ apiKey: 'secret-key-in-header-only' });
    for (const method of [
      'generateContent',
      'streamGenerateContent',
      'batchEmbedContents',
    ] as const) {
      const url = geminiUrl(deployment, method);
      expect(url).not.toContain('secret-key-in-header-only');
      expect(new URL(url).searchParams.has('key')).toBe(false);
    }
  });
});

describe('geminiHeaders', () => {
  it('should send the key in x-goog-api-key and no authorization header', () => {
    const headers = geminiHeaders(geminiDeployment({ apiKey: 'the-key-1234' }));
    expect(headers['x-goog-api-key']).toBe('the-key-1234');
    expect(headers.authorization).toBeUndefined();
    expect(headers['content-type']).toBe('application/json');
  });

  it('should send no key header when the deployment has no key', () => {
    expect(geminiHeaders(geminiDeployment({ apiKey: undefined }))).not.toHaveProperty(
      'x-goog-api-key',
    );
  });

  it('should add the extra headers of the deployment', () => {
    const headers = geminiHeaders(geminiDeployment({ extraHeaders: { 'x-team': 'search' } }));
    expect(headers['x-team']).toBe('search');
  });
});
