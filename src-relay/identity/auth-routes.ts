import { RelaySignInRequest, SESSION_HEADER } from '../../src-shared/identity/relay-sign-in';
import { authenticateDevice, presentedToken } from '../devices/authenticate-device';
import { readJson } from '../http/read-json';
import { sendJson } from '../http/responses';
import type { RelayServices, Route, RouteRequest } from '../http/route';
import { createDeviceSignInThrottle } from './device-sign-in-throttle';
import { signInAtRelay } from './sign-in';
import { endSession } from './user-sessions';

/** `/api/auth/*`: users signing in and out at the relay, always through a registered device. */
export function authRoutes(services: RelayServices): Route[] {
  const { db } = services.database;
  const device = ({ request, url }: RouteRequest) => authenticateDevice(db, presentedToken(request, url, { allowQuery: false }));
  const throttle = createDeviceSignInThrottle();
  return [
    {
      method: 'POST',
      path: '/api/auth/sign-in',
      async handle(input) {
        const signedIn = await signInAtRelay(db, await device(input), await readJson(input.request, RelaySignInRequest), throttle);
        sendJson(input.response, 200, { ok: true, ...signedIn });
      },
    },
    {
      method: 'POST',
      path: '/api/auth/sign-out',
      async handle(input) {
        const { id } = await device(input);
        const token = input.request.headers[SESSION_HEADER];
        if (typeof token === 'string' && token !== '') await endSession(db, { token, deviceId: id });
        sendJson(input.response, 200, { ok: true });
      },
    },
  ];
}
