import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../src-shared/errors';
import { sendError } from './responses';
import type { Route } from './route';

/** Routes by exact path; a known path with another method is a 405, anything else a 404. */
export function createRequestHandler(routes: readonly Route[]) {
  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://relay.invalid');
    const candidates = byPath.get(url.pathname);
    const route = candidates?.find((candidate) => candidate.method === request.method);
    try {
      if (!candidates) throw new AppError('not_found', `no such endpoint: ${url.pathname}`);
      if (!route) {
        response.setHeader('allow', candidates.map((candidate) => candidate.method).join(', '));
        sendError(response, new AppError('validation', `${request.method} is not allowed on ${url.pathname}`), 405);
        return;
      }
      await route.handle({ request, response, url });
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendError(response, error);
    }
  };
}
