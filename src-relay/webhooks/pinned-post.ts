import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/**
 * A lookup that answers only the addresses already checked, whatever name is asked: the connection
 * goes where the check looked, so DNS cannot rebind the name to another address in between.
 */
function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const answers = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    if (options.all) callback(null, answers);
    else callback(null, answers[0]!.address, answers[0]!.family);
  };
}

/**
 * POSTs `body` to `url`, connecting only to `addresses` (TLS still verifies the URL's name), on a
 * connection of its own. Resolves with the answer's status; its body is not read. A redirect is
 * an answer like any other, never followed.
 */
export function pinnedPost(url: URL, addresses: readonly string[], headers: OutgoingHttpHeaders, body: string, signal: AbortSignal): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal, agent: false, lookup: pinnedLookup(addresses) }, (response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    request.on('error', reject);
    request.end(body);
  });
}
