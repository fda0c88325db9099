import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayDatabase } from '../db/relay-database';

/** What every route may use. */
export interface RelayServices {
  database: RelayDatabase;
  /** Null: Twilio endpoints answer 503. */
  twilioAuthToken: string | null;
  /** The origin Twilio calls, known once the server listens. */
  publicUrl: () => string;
}

export interface RouteRequest {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle: (input: RouteRequest) => Promise<void>;
}
