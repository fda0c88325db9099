export { canContact } from './can-contact';
export { presetRule, RULE_PRESETS, type JurisdictionRule, type RulePreset } from './rules';
export {
  CONTACT_REASONS,
  type BorrowerContactProfile,
  type CanContactInput,
  type ClockWindow,
  type ContactAddress,
  type ContactChannel,
  type ContactDecision,
  type ContactReason,
  type ContactRecord,
} from './types';
