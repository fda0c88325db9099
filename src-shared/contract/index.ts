import type { z } from 'zod';
import type { Result } from '../errors';
import { activityChannels } from './activities';
import { alertChannels } from './alerts';
import { approvalChannels } from './approvals';
import { caseAuditChannels } from './case-audit';
import { caseComplianceChannels } from './case-compliance';
import { complianceAdminChannels } from './compliance-admin';
import { borrowerChannels } from './borrowers';
import { caseDetailChannels } from './case-detail';
import { caseWorkChannels } from './case-work';
import { caseChannels } from './cases';
import { communicationChannels } from './communications';
import { dashboardChannels } from './dashboard';
import type { ChannelSpec } from './define-channel';
import { directoryChannels } from './directory';
import { recoveryChannels } from './recovery';
import { selfServiceChannels } from './self-service';
import { sessionChannels } from './session';
import { settlementChannels } from './settlements';
import { settingsChannels } from './settings';
import { strategyChannels } from './strategies';
import { syncChannels, type SyncStatus } from './sync';
import { tapeChannels, type TapeImportProgress } from './tape';

/** The one contract between the renderer and main: every channel, composed from each domain's slice. */
export const channels = {
  ...sessionChannels,
  ...caseChannels,
  ...caseDetailChannels,
  ...caseComplianceChannels,
  ...complianceAdminChannels,
  ...caseAuditChannels,
  ...borrowerChannels,
  ...directoryChannels,
  ...caseWorkChannels,
  ...activityChannels,
  ...alertChannels,
  ...settlementChannels,
  ...dashboardChannels,
  ...approvalChannels,
  ...strategyChannels,
  ...recoveryChannels,
  ...communicationChannels,
  ...syncChannels,
  ...selfServiceChannels,
  ...settingsChannels,
  ...tapeChannels,
} satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Exclude<Channels[K]['output'], undefined>;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

/** The screens the navigation (and the application menu) can show. */
export const APP_VIEWS = ['queue', 'activity', 'dashboard', 'approvals', 'compliance', 'settings'] as const;
export type AppView = (typeof APP_VIEWS)[number];

/** Events main pushes to the renderer. */
export interface Events {
  /** Cases changed; an empty list means any case may have (after an engine run). */
  'cases.changed': { caseIds: string[] };
  /** A scheduled or manual engine job: progress while it runs, then its summary. */
  'engine.progress': { job: string; loansDone: number; /** Every loan the run judges, for a progress bar. */ loansTotal?: number; finished: boolean; summary?: Record<string, unknown> };
  /** The application menu asks the window to show a screen, or the list of keyboard shortcuts. */
  'app.navigate': { view: AppView | 'shortcuts' };
  /** The sync indicator: state, pending and rejected commands, initial-sync progress. */
  'sync.status': SyncStatus;
  /** A loan-tape import in progress on this desktop. */
  'tape.progress': TapeImportProgress;
}
export type EventName = keyof Events;

/**
 * What the preload (Electron) and the browser preload (harness) both expose as `window.api`:
 * one function per channel, plus `on` to subscribe to events (it returns the unsubscribe).
 */
export type RecourseApi = { [K in ChannelName]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

export * from './activities';
export * from './alerts';
export * from './approvals';
export * from './case-audit';
export * from './case-compliance';
export * from './compliance-admin';
export * from './borrowers';
export * from './case-detail';
export * from './case-work';
export * from './cases';
export * from './communications';
export * from './dashboard';
export * from './directory';
export * from './recovery';
export * from './self-service';
export * from './session';
export * from './settlements';
export * from './settings';
export * from './strategies';
export * from './sync';
export * from './tape';
