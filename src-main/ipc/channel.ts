/**
 * The name of the one IPC channel between the preload and the main process.
 * Kept in a module of its own, without other imports, so that the sandboxed
 * preload bundle pulls in this string and nothing else from the main side.
 */
export const INVOKE_CHANNEL = 'tanoda:invoke';

/** Longest method name the channel accepts; contract names are far shorter. */
export const MAX_METHOD_NAME_LENGTH = 100;
