import { join } from 'node:path';
import type { CommunicationsStatus } from '../../src-shared/contract/communications';
import { SmtpSettings } from '../../src-shared/contract/communications';
import { createMailer, createSandboxMailer, type Mailer } from '../email';
import type { LetterPdfRenderer } from '../letters';
import { log } from '../log/logger';
import { createRecoveryService, type RecoveryService } from '../recovery/recovery-service';
import { createSealedFile, fileKeyCipher, type SecretCipher } from '../secrets/sealed-file';
import type { Store } from '../store/open-store';
import { createCredentialVault } from '../twilio/credentials';
import { startSandboxTwilio, type SandboxTwilio } from '../twilio/sandbox';
import { createTwilioClient, type TwilioClient } from '../twilio/twilio-client';
import { switchableMailer, switchableTwilio } from './switchable-twilio';
import { pollTwilio } from './twilio-poller';

export interface CommunicationsOptions {
  store: Store;
  /** Where the sealed Twilio and SMTP settings live: the app's data folder. */
  secretsDir: string;
  /** Electron's safeStorage in the app; a key file in `secretsDir` under plain Node. */
  cipher?: SecretCipher;
  /**
   * Electron's printToPDF in the app; `chromiumPdfRenderer()` under Node. Passed in so the Electron
   * bundle never pulls in playwright-core. Closed with the communications.
   */
  letterRenderer: LetterPdfRenderer;
  /** The relay this desktop syncs with, asked on each use: status callbacks go there and nothing is polled. Null: no relay. */
  relayUrl?: () => string | null;
  /** Claims an automated contact's key so only one desktop sends it (the relay's claims); absent: always granted. */
  claim?: (key: string) => Promise<boolean>;
  now?: () => Date;
}

/** Everything that reaches a borrower, with its settings: one per process, shared by IPC and the scheduler. */
export interface Communications {
  recovery: RecoveryService;
  status(): CommunicationsStatus;
  saveTwilio(input: unknown): CommunicationsStatus;
  clearTwilio(): CommunicationsStatus;
  saveSmtp(input: unknown): CommunicationsStatus;
  clearSmtp(): CommunicationsStatus;
  testSmtp(): Promise<void>;
  /** Without a relay: asks Twilio for the statuses of what is in flight and for new replies. */
  pollTwilio(): Promise<{ statuses: number; replies: number }>;
  /** The local simulator behind sandbox mode, started on first use (the harness scripts borrower replies with it). */
  sandbox(): Promise<SandboxTwilio>;
  close(): Promise<void>;
}

/**
 * Live when credentials are saved, sandbox when not (DESIGN §1 and the "sandbox mode"):
 * texts and calls then go to the local Twilio simulator through the same official client, and
 * email to a mailer that keeps it. Saving or clearing settings switches at once.
 */
export function createCommunications(options: CommunicationsOptions): Communications {
  const { store, secretsDir } = options;
  const now = options.now ?? (() => new Date());
  const relayUrl = options.relayUrl ?? (() => null);
  const cipher = options.cipher ?? fileKeyCipher(join(secretsDir, 'secret.key'));
  const twilioVault = createCredentialVault(join(secretsDir, 'twilio.sealed'), cipher);
  const smtpFile = createSealedFile(join(secretsDir, 'smtp.sealed'), cipher, SmtpSettings, 'SMTP settings');

  let sandbox: Promise<SandboxTwilio> | null = null;
  let live: TwilioClient | null = null;
  // The live client asks Twilio for callbacks to the relay it was built for; a new relay needs a new client.
  let liveRelay: string | null = null;
  const startSandbox = () => (sandbox ??= startSandboxTwilio({}));
  const currentTwilio = async (): Promise<TwilioClient> => {
    if (live && liveRelay === relayUrl()) return live;
    const credentials = twilioVault.load();
    if (!credentials) return (await startSandbox()).client;
    liveRelay = relayUrl();
    live = createTwilioClient({ ...credentials, statusCallbackBase: liveRelay ?? undefined });
    return live;
  };

  let mailer: Mailer | null = null;
  const currentMailer = (): Mailer => {
    if (mailer) return mailer;
    const smtp = smtpFile.load();
    mailer = smtp ? createMailer(smtp) : createSandboxMailer();
    return mailer;
  };
  const resetMailer = () => {
    mailer?.close();
    mailer = null;
  };

  const { letterRenderer } = options;
  const twilio = switchableTwilio(currentTwilio);
  const recovery = createRecoveryService({ store, twilio, mailer: switchableMailer(currentMailer), letterRenderer, now, publicUrl: relayUrl, claim: options.claim });

  const status = (): CommunicationsStatus => {
    const twilioSummary = twilioVault.summary();
    const smtp = smtpFile.load();
    return {
      twilio: twilioSummary.configured ? { mode: 'live', accountSidHint: twilioSummary.accountSidHint, fromNumber: twilioSummary.fromNumber, whatsappFrom: twilioSummary.whatsappFrom } : { mode: 'sandbox' },
      email: smtp ? { mode: 'smtp', host: smtp.host, port: smtp.port, from: smtp.from } : { mode: 'sandbox' },
      // Only live Twilio calls a relay back; the sandbox simulator signs with its own token, so a sandbox desktop polls.
      statusSource: relayUrl() && twilioSummary.configured ? 'relay' : 'polling',
    };
  };

  return {
    recovery,
    status,
    saveTwilio(input) {
      twilioVault.save(input);
      live = null;
      log.info('twilio credentials saved', { mode: 'live' });
      return status();
    },
    clearTwilio() {
      twilioVault.clear();
      live = null;
      log.info('twilio credentials cleared', { mode: 'sandbox' });
      return status();
    },
    saveSmtp(input) {
      smtpFile.save(input);
      resetMailer();
      return status();
    },
    clearSmtp() {
      smtpFile.clear();
      resetMailer();
      return status();
    },
    testSmtp: () => currentMailer().verify(),
    pollTwilio: async () => pollTwilio(store, await currentTwilio(), recovery, now()),
    sandbox: startSandbox,
    async close() {
      await recovery.close();
      await letterRenderer.close();
      resetMailer();
      if (sandbox) await (await sandbox).simulator.close();
    },
  };
}
