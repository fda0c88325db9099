import { describe, expect, it } from 'vitest';
import { presetRule } from './rules';
import { CHANNELS } from '../domain/vocabulary';

describe('presetRule: the rule a jurisdiction gets when none is stored', () => {
  it.each(['TT', 'JM', 'BB', 'GY'])('%s: seed 003, 08:00–20:00, 3 a day, 10 a week, 4 h, every channel', (code) => {
    expect(presetRule(code)).toEqual({
      jurisdiction: code,
      preset: 'caribbean',
      hoursStart: '08:00',
      hoursEnd: '20:00',
      dailyCap: 3,
      weeklyCap: 10,
      coolingOffMinutes: 240,
      countedChannels: [...CHANNELS],
    });
  });

  it.each([
    ['US', 'US', ['voice']],
    ['US-TX', 'US', ['voice']],
    ['US-NY', 'US', ['voice']],
    ['US-MA', 'US-MA', ['voice', 'sms', 'whatsapp']],
    ['US-NY-NYC', 'US-NY-NYC', [...CHANNELS]],
  ])('%s gets the %s preset, 08:00–21:00, no seed 003 caps', (code, preset, countedChannels) => {
    expect(presetRule(code)).toEqual({ jurisdiction: code, preset, hoursStart: '08:00', hoursEnd: '21:00', dailyCap: null, weeklyCap: null, coolingOffMinutes: null, countedChannels });
  });

  it('an unknown code gets the strictest values we ship rather than none', () => {
    expect(presetRule('FR')).toMatchObject({ preset: 'caribbean', hoursEnd: '20:00', dailyCap: 3 });
  });
});
