import { settingsConfigurationChannels } from './settings-configuration';
import { settingsScheduleChannels } from './settings-schedule';
import { settingsTemplateChannels } from './settings-templates';
import { settingsUserChannels } from './settings-users';

/** The Settings screen's channels (communications and sync settings have their own slices). */
export const settingsChannels = {
  ...settingsConfigurationChannels,
  ...settingsScheduleChannels,
  ...settingsTemplateChannels,
  ...settingsUserChannels,
};

export * from './settings-configuration';
export * from './settings-schedule';
export * from './settings-templates';
export * from './settings-users';
