import { describe, expect, it } from 'vitest';
import { permissionForCommand } from './command-permissions';

describe('permissionForCommand', () => {
  it.each([
    // Contract command channels give their own permission.
    ['activities.log', 'log_activity'],
    ['cases.update', 'update_case'],
    ['settlements.submit', 'update_case'],
    ['settlements.approve', 'approve_settlement'],
    ['settlements.reject', 'approve_settlement'],
    ['contacts.overrideDoNotContact', 'override_do_not_contact'],
    ['cases.assign', 'assign_cases'],
    ['communications.saveTwilio', 'admin_settings'],
    ['letters.generate', 'log_activity'],
    // Commands written inside other work.
    ['recovery.execute', 'log_activity'],
    ['contacts.useDoNotContactOverride', 'log_activity'],
    ['compliance.prepareCall', 'log_activity'],
    // The app's own automation.
    ['dunning.dispatch', 'system'],
    ['preDelinquency.send', 'system'],
    ['recovery.statusCallback', 'system'],
    ['messages.inbound', 'system'],
    // Never commands: unknown names, queries, channels open before sign-in, prototype keys.
    ['cases.delete', null],
    ['', null],
    ['cases.queue', null],
    ['settlements.list', null],
    ['session.signIn', null],
    ['toString', null],
    ['__proto__', null],
  ])('%s → %s', (name, expected) => {
    expect(permissionForCommand(name)).toBe(expected);
  });
});
