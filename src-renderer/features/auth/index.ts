/**
 * The sign-in layer's public face: the gate the app is wrapped in, the header's
 * user menu and setup banner, the "My account" panel for Settings, and the
 * session hook.
 */
export { AuthGate } from './AuthGate';
export { useSession } from './session';
export { UserMenu } from './UserMenu';
export { SetupBanner } from './SetupOwner';
export { AccountPanel } from './AccountPanel';
