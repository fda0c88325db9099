import { createSignInThrottle, type SignInThrottle } from '../../src-shared/sign-in-throttle';

/** The shared sign-in throttle (`src-shared/sign-in-throttle.ts`) with a device standing for the connection. */
export interface DeviceSignInThrottle {
  check(userId: string, deviceId: string): void;
  failed(userId: string, deviceId: string): void;
  succeeded(userId: string): void;
}

/**
 * Per relay process: guesses at one user, or from one device, slow down however they are spread
 * over requests. Relays sharing a database each keep their own count, so a guesser that can reach
 * several gains that many times the attempts, no more.
 */
export function createDeviceSignInThrottle(throttle: SignInThrottle = createSignInThrottle()): DeviceSignInThrottle {
  // The shared throttle keys connections by object identity; one stable object per device.
  const connections = new Map<string, object>();
  const connectionOf = (deviceId: string) => {
    let connection = connections.get(deviceId);
    if (!connection) {
      connection = { deviceId };
      connections.set(deviceId, connection);
    }
    return connection;
  };
  return {
    check: (userId, deviceId) => throttle.check(userId, connectionOf(deviceId)),
    failed: (userId, deviceId) => throttle.failed(userId, connectionOf(deviceId)),
    succeeded: (userId) => throttle.succeeded(userId),
  };
}
