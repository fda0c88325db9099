import { channels, isChannelName } from '../contract';
import type { Permission } from '../roles';

/** What running a pushed command takes: a role's permission, or `'system'` for the app's own automation. */
export type CommandPermission = Permission | 'system';

/**
 * Commands a desktop writes to its outbox that are not (only) contract channels: steps an agent
 * takes inside another channel's work, and the automation that runs as the system actor (DESIGN §3).
 */
const OTHER_COMMANDS: Readonly<Record<string, CommandPermission>> = {
  'recovery.execute': 'log_activity',
  'contacts.useDoNotContactOverride': 'log_activity',
  'compliance.prepareCall': 'log_activity',
  'dunning.dispatch': 'system',
  // The relay's engine host pushing the daily run's derived rows (DESIGN §3).
  'engine.dailyRun': 'system',
  'engine.snapshot': 'system',
  // The scheduler sending a due or dunning action: the same step as `recovery.execute`, by nobody in particular.
  'recovery.sendAutomated': 'system',
  'preDelinquency.send': 'system',
  'recovery.statusCallback': 'system',
  'messages.inbound': 'system',
  // A borrower's request on the relay's self-service pages, taken through a signed link (src-relay/self-service).
  'selfService.requestPlan': 'system',
  'selfService.dispute': 'system',
  'selfService.preferences': 'system',
  'selfService.optOut': 'system',
};

/**
 * The permission the relay requires of a pushed command's actor; null for a name it does not know,
 * which it rejects. A channel gives its own permission, so the relay judges a command as the
 * desktop's dispatcher did. Queries and channels open before sign-in never write, so they are
 * never commands.
 */
export function permissionForCommand(name: string): CommandPermission | null {
  if (Object.hasOwn(OTHER_COMMANDS, name)) return OTHER_COMMANDS[name]!;
  if (!isChannelName(name)) return null;
  const spec = channels[name];
  return spec.kind === 'command' ? spec.permission : null;
}
