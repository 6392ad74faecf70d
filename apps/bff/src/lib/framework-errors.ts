// Errors Fastify's router meets before any hook (an unparsable URL such as `/%ff`, an over-long
// path segment): the request goes through the normal pipeline again, so it gets the security
// headers, the access hook, the log line and the error shape of every other error.
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadUrlError } from './errors';

/** No route serves it, and it decodes: the not-found handler throws the error kept for it. */
const REROUTE_PATH = '/.vigie/bad-url';
const pending = new WeakMap<IncomingMessage, Error>();

function toError(err: Error & { code?: string }): Error {
  if (err.code === 'FST_ERR_BAD_URL')
    return new BadUrlError(400, 'the URL is not valid (a percent-escape that does not decode)');
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return new BadUrlError(414, 'a segment of the URL is too long');
  return err;
}

/** Fastify's `frameworkErrors`: route the request again, to a path that decodes. */
export function rerouteFrameworkError(err: Error, req: FastifyRequest, reply: FastifyReply): void {
  pending.set(req.raw, toError(err));
  req.raw.url = REROUTE_PATH;
  req.server.routing(req.raw, reply.raw);
}

/** The error of a rerouted request, once (null for every other request). */
export function reroutedError(req: FastifyRequest): Error | null {
  const err = pending.get(req.raw);
  if (err === undefined) return null;
  pending.delete(req.raw);
  return err;
}
