/** The two Electron IPC channels that carry the whole contract. Only preload and main see them. */
export const INVOKE_CHANNEL = 'terminal:invoke';
export const STREAM_CHANNEL = 'terminal:stream';
