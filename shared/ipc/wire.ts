import { z } from 'zod';

/**
 * Frames of the headless host's WebSocket transport. The Electron build does not use them:
 * there the preload carries the same names over ipcRenderer.
 */
export const ClientFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown().optional(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: { code: string; message: string } }
  | { kind: 'stream'; name: string; payload: unknown };
