import { describe, expect, it } from 'vitest';
import { minorToDecimal, parseDecimalToMinor } from './money';

describe('minorToDecimal', () => {
  it.each([[0, '0.00'], [5, '0.05'], [123450, '1234.50'], [-7, '-0.07'], [-123456, '-1234.56'], [Number.MAX_SAFE_INTEGER, '90071992547409.91']])('%d → %s', (minor, text) => {
    expect(minorToDecimal(minor)).toBe(text);
  });

  it('round-trips through parseDecimalToMinor for any amount, with 0 to 3 decimals', () => {
    let seed = 20261122;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i += 1) {
      const minor = (next() * 4096 + next()) * (next() % 2 === 0 ? 1 : -1);
      const digits = next() % 4;
      expect(parseDecimalToMinor(minorToDecimal(minor, digits), digits)).toBe(minor);
    }
  });
});
