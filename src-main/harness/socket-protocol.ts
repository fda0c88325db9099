import { z } from 'zod';

/** A call from the browser preload: the same channel and payload the Electron preload would send. */
export const socketRequestSchema = z.object({ id: z.number().int().nonnegative(), channel: z.unknown(), payload: z.unknown() });

/**
 * The largest frame a browser may send; a bigger one closes that socket with 1009 before it is
 * buffered. The contract bounds every input, and the largest is a template body (20,000
 * characters, `settings.saveTemplate`/`previewTemplate`): about 120 KB even when every character is
 * a control character JSON writes as `\u00XX`. A bulk reassign of 1,000 case ids is about 70 KB, and
 * a tape import sends a folder path, never the files. 1 MiB is eight times the largest legitimate
 * call, while a larger bound would only let one unauthenticated socket hold more of our memory.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;
