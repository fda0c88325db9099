import { describe, expect, it } from 'vitest';
import { isTrustedUrl } from './security';

describe('which pages may call the contract', () => {
  it.each([
    ['file:///opt/Recourse/resources/app/out/renderer/index.html', undefined, true],
    ['https://example.com/', undefined, false],
    ['http://localhost:5173/', undefined, false],
    ['http://localhost:5173/index.html', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['file:///etc/passwd', 'http://localhost:5173/', false],
  ])('%s (dev server %s) → %s', (url, dev, trusted) => {
    expect(isTrustedUrl(url, dev)).toBe(trusted);
  });
});
