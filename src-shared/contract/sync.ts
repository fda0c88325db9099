import { z } from 'zod';
import { defineChannel } from './define-channel';

/** What the sync indicator shows. `local`: no relay configured, this desktop is its own ledger. */
export interface SyncStatus {
  state: 'local' | 'offline' | 'syncing' | 'online' | 'unauthorized';
  relayUrl: string | null;
  /** Commands made here and not yet judged by the relay. */
  pending: number;
  /** Commands the relay refused; each is listed with its reason. */
  rejected: number;
  /** Pulled rows this desktop could not write and set aside, each listed with its reason; tried again at every sync. */
  setAside: number;
  lastSyncedAt: string | null;
  /** While the first sync runs: rows received so far, and how far through the ledger (0–100) when the relay says. */
  initialSync: { rows: number; percent: number | null } | null;
  /** The last failure, in words, while offline or unauthorized. */
  problem: string | null;
}

export interface RejectedCommandView {
  seq: number;
  name: string;
  actorId: string;
  at: string;
  reason: string;
}

/** A ledger row this desktop could not write: which, the version pulled, why, and since when. */
export interface SetAsideRowView {
  tbl: string;
  key: string;
  version: number;
  reason: string;
  setAsideAt: string;
}

/** The relay this desktop syncs with, and the token an admin registered it with (`npm run relay -- device add`). */
export const RelaySettings = z
  .object({
    relayUrl: z.string().url().regex(/^https?:\/\//, 'The relay URL starts with http:// or https://'),
    deviceToken: z.string().min(20).max(200),
  })
  .strict();
export type RelaySettings = z.infer<typeof RelaySettings>;

export const syncChannels = {
  'sync.status': defineChannel<SyncStatus>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
  'sync.rejections': defineChannel<{ rejections: RejectedCommandView[] }>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
  /** Rows set aside, for supervisors and admins: their reasons name tables, keys and columns. */
  'sync.setAside': defineChannel<{ rows: SetAsideRowView[] }>()({ input: z.object({}).strict(), permission: 'view_dashboard', kind: 'query' }),
  /** Connects this desktop to a relay (admin); the token is sealed and never shown again. */
  'sync.configure': defineChannel<SyncStatus>()({ input: RelaySettings, permission: 'admin_settings', kind: 'command' }),
  /** Stops syncing and forgets the relay; the local data stays. */
  'sync.disconnect': defineChannel<SyncStatus>()({ input: z.object({}).strict(), permission: 'admin_settings', kind: 'command' }),
  /** Pushes and pulls now rather than at the next notice. */
  'sync.now': defineChannel<SyncStatus>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'command' }),
};
