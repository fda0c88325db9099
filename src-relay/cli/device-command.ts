import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/errors';
import type { RelayConfig } from '../config';
import { openRelayDatabase } from '../db/open-database';
import { addDevice, listDevices, revokeDevice, type Device } from '../devices/device-tokens';

export const DEVICE_USAGE = 'device add --name "Front desk 3" [--regions TT,JM] [--engine-host] | device list | device revoke --id ID';

function describe(device: Device): string {
  const revoked = device.revokedAt ? `  revoked ${device.revokedAt.toISOString()}` : '';
  const regions = device.partitions.includes('*') ? 'every region' : `regions ${device.partitions.join(',')}`;
  return `${device.id}  ${JSON.stringify(device.name)}  ${regions}${device.engineHost ? '  engine host' : ''}  added ${device.createdAt.toISOString()}${revoked}`;
}

/** `device add|list|revoke`: manages desktop tokens directly in the ledger database. */
export async function runDeviceCommand(args: string[], config: RelayConfig, print: (line: string) => void): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, id: { type: 'string' }, regions: { type: 'string' }, 'engine-host': { type: 'boolean' } } });
  const [action] = positionals;
  if (action !== 'add' && action !== 'list' && action !== 'revoke') throw new AppError('validation', `usage: npm run relay -- ${DEVICE_USAGE}`);
  if (action === 'add' && !values.name) throw new AppError('validation', 'device add needs --name', 'name');
  if (action === 'revoke' && !values.id) throw new AppError('validation', 'device revoke needs --id', 'id');

  const database = await openRelayDatabase(config.database);
  try {
    if (action === 'add') {
      const { device, token } = await addDevice(database.db, values.name!, values.regions ? values.regions.split(',') : ['*'], { engineHost: values['engine-host'] ?? false });
      print(`Added ${describe(device)}`);
      print('Its token, shown only this once (the relay keeps a hash); enter it in the desktop’s relay settings:');
      print(token);
    } else if (action === 'list') {
      const devices = await listDevices(database.db);
      if (devices.length === 0) print('No devices yet.');
      for (const device of devices) print(describe(device));
    } else {
      print(`Revoked ${describe(await revokeDevice(database.db, values.id!))}`);
    }
  } finally {
    await database.close();
  }
}
