import { z } from 'zod';

/** A call from the browser preload: the same channel and payload the Electron preload would send. */
export const socketRequestSchema = z.object({ id: z.number().int().nonnegative(), channel: z.unknown(), payload: z.unknown() });
