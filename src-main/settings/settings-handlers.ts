import { appendAudit } from '../store/audit-log';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { saveDunningSchedule, saveFeeSchedule, saveQueue, saveSlaConfigs } from './configuration-commands';
import { settingsConfiguration } from './configuration-views';
import { currentSchedule, saveScheduleTimes } from './schedule-settings';
import { previewTemplate } from './template-preview';
import { resetTemplate, saveTemplate, templateDetail, templateList } from './template-settings';
import { addUser, listUsers, setUserActive, setUserRole } from './user-commands';
import { TEMPLATE_VARIABLES } from '../templates';

type Slice =
  | 'settings.configuration' | 'settings.saveQueue' | 'settings.saveDunningSchedule' | 'settings.saveSlaConfigs' | 'settings.saveFeeSchedule'
  | 'settings.schedule' | 'settings.saveSchedule'
  | 'settings.templates' | 'settings.template' | 'settings.previewTemplate' | 'settings.saveTemplate' | 'settings.resetTemplate'
  | 'settings.users' | 'settings.addUser' | 'settings.setUserRole' | 'settings.setUserActive';

/** The Settings screen: configuration tables, scheduler times, templates and users (reads for supervisors, changes for admins). */
export function settingsHandlers(store: Store): HandlerSlice<Slice> {
  const { sqlite } = store;
  return {
    'settings.configuration': () => settingsConfiguration(sqlite),
    'settings.saveQueue': (input, { actor }) => saveQueue(store, actor!, input),
    'settings.saveDunningSchedule': (input, { actor }) => saveDunningSchedule(store, actor!, input),
    'settings.saveSlaConfigs': (input, { actor }) => saveSlaConfigs(store, actor!, input.configs),
    'settings.saveFeeSchedule': (input, { actor }) => saveFeeSchedule(store, actor!, input),
    'settings.schedule': () => currentSchedule(store),
    'settings.saveSchedule': (input, { actor }) =>
      // The schedule is this desktop's own (app_meta, not synced): audited here, with nothing to push.
      sqlite.transaction(() => {
        const view = saveScheduleTimes(store, input);
        appendAudit(sqlite, { type: 'settings.schedule_saved', entityType: 'schedule', entityId: 'schedule', actorId: actor!.id, at: new Date().toISOString(), payload: input });
        return view;
      })(),
    'settings.templates': () => ({ templates: templateList(sqlite), variables: { ...TEMPLATE_VARIABLES } }),
    'settings.template': (input) => templateDetail(sqlite, input.language, input.name),
    'settings.previewTemplate': (input) => previewTemplate(sqlite, input),
    'settings.saveTemplate': (input, { actor }) => saveTemplate(store, actor!, input),
    'settings.resetTemplate': (input, { actor }) => resetTemplate(store, actor!, input),
    'settings.users': () => ({ users: listUsers(sqlite) }),
    'settings.addUser': (input, { actor }) => addUser(store, actor!, input),
    'settings.setUserRole': (input, { actor }) => setUserRole(store, actor!, input.userId, input.role),
    'settings.setUserActive': (input, { actor }) => setUserActive(store, actor!, input.userId, input.active),
  };
}
