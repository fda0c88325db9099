import { z } from 'zod';

/**
 * The SMTP account the app sends borrower email through, as the settings screen stores it.
 * `secure` means TLS from the first byte (port 465); false lets the server upgrade with STARTTLS.
 * `user` and `password` are optional because relays inside a lender's network often need none.
 */
export const SmtpSettings = z.object({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  /** The sender as the borrower sees it: `collections@lender.com` or `Lender <collections@lender.com>`. */
  from: z.string().trim().min(3),
  replyTo: z.string().trim().min(3).optional(),
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;
