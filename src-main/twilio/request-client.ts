import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

/** Twilio's API host, with any edge/region segments (`api.sydney.au1.twilio.com`) the SDK may add. */
const TWILIO_API_ORIGIN = /^https:\/\/api(?:\.[a-z0-9-]+)*\.twilio\.com(?=\/)/;

/**
 * The official SDK's HTTP client, pointed at another origin (the local simulator). Everything else
 * (auth header, form encoding, error handling) stays the SDK's own, so sandbox and tests exercise
 * the same code path as production.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(options: RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...options, uri: options.uri.replace(TWILIO_API_ORIGIN, this.baseUrl.replace(/\/+$/, '')) });
  }
}
