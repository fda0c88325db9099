import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsConfiguration, SlaConfigView, TemplateDetail } from '../../src-shared/contract';
import { addDevice } from '../../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../../src-relay/start-relay';
import { BACKENDS, type ScratchDatabase } from '../../src-relay/test-support/scratch-databases';
import { desktop, type Desktop } from '../../tests-sync/desktops';
import { until } from '../../tests-support/until';
import { createRelayClient } from '../sync/relay-client';
import { publishToRelay } from '../sync/publish';

describe.each(BACKENDS)('settings reach every desktop through a relay on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let relay: RunningRelay;
  let office: Desktop;
  let branch: Desktop;

  beforeAll(async () => {
    database = await scratch();
    relay = await startRelay({ database: database.target, port: 0 });
    const [officeToken, branchToken] = [(await addDevice(relay.database.db, 'office')).token, (await addDevice(relay.database.db, 'branch')).token];
    office = desktop('office', { seededLoans: 20 });
    branch = desktop('branch');
    await publishToRelay(office.store, createRelayClient(relay.url, officeToken));
    await office.services.sync.configure({ relayUrl: relay.url, deviceToken: officeToken });
    await branch.services.sync.configure({ relayUrl: relay.url, deviceToken: branchToken });
    await branch.services.sync.syncNow();
    await office.signIn(['admin']);
  });
  afterAll(async () => {
    await office?.close();
    await branch?.close();
    await relay?.close();
    await database?.drop();
  });

  it('an admin’s template override and SLA change on one desktop are accepted by the relay and arrive on the other', async () => {
    const admin = office.as('admin');
    const body = 'Office edit for {{borrower_name}}: {{money amount_overdue currency}} overdue.';
    await office.call<TemplateDetail>(admin, 'settings.saveTemplate', { language: 'es', name: 'sms_payment_default', body });
    await office.call<SlaConfigView[]>(admin, 'settings.saveSlaConfigs', { configs: [{ stage: 'late_61_90', firstContactHours: 6, followUpHours: 18 }] });
    const status = await office.services.sync.syncNow();
    expect(status).toMatchObject({ pending: 0, rejected: 0 });
    expect(office.store.sqlite.prepare(`SELECT state FROM outbox WHERE name IN ('settings.saveTemplate', 'settings.saveSlaConfigs') ORDER BY seq`).pluck().all()).toEqual(['applied', 'applied']);

    await until(() => branch.store.sqlite.prepare(`SELECT 1 FROM sla_configs WHERE stage = 'late_61_90' AND first_contact_hours = 6`).get() !== undefined, 'the SLA change on the branch');
    const onBranch = await branch.call<TemplateDetail>(branch.as('supervisor'), 'settings.template', { language: 'es', name: 'sms_payment_default' });
    expect(onBranch).toMatchObject({ overridden: true, body });
  });

  it('a dunning step an admin removes is removed at the relay and on the other desktop', async () => {
    const { dunningSchedules } = await office.call<SettingsConfiguration>(office.as('supervisor'), 'settings.configuration', {});
    const ladder = dunningSchedules.find((schedule) => schedule.isDefault)!;
    const [dropped, ...kept] = ladder.steps;
    await office.call(office.as('admin'), 'settings.saveDunningSchedule', { id: ladder.id, name: ladder.name, isDefault: true, steps: kept });
    expect(await office.services.sync.syncNow()).toMatchObject({ pending: 0, rejected: 0 });
    await until(() => branch.store.sqlite.prepare('SELECT 1 FROM dunning_steps WHERE id = ?').get(dropped!.id) === undefined, 'the step gone from the branch');
    expect(branch.store.sqlite.prepare('SELECT count(*) FROM dunning_steps WHERE schedule_id = ?').pluck().get(ladder.id)).toBe(kept.length);
  });
});
