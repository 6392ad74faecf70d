// The HTTP front (node:http): credentials, content negotiation, the 30 s rule, faults, audit, then the endpoints.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DateTime } from 'luxon';
import type { Audit } from './audit';
import type { CallCentre } from './centre';
import type { SimClock } from './clock';
import { ParamError } from './dates';
import type { FaultState } from './faults';
import { renderHtml } from './html';
import { collectParams, echo, scalar, type Params } from './params';
import { safePath, type RequestLog } from './requests-log';
import { handleSim } from './routes-sim';
import { HttpError, handleVm, matchVm } from './routes-vm';

export interface ServerDeps {
  centre: CallCentre;
  clock: SimClock;
  faults: FaultState;
  audit: Audit;
  requests: RequestLog;
  user: string;
  password: string;
  timeZone: string;
}

/** Not in the guide: clients must ignore it (guide 2.2: "the JSON response may contain additional data"). */
const API_VERSION = '2.3-sim';
const MAX_BODY = 1 << 20;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** resetRate fault: destroy the socket instead of answering (logged with status 0). */
  reset?: boolean;
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

function errorReply(e: HttpError): Reply {
  return json(
    e.status,
    e.field ? { error: e.message, field: e.field } : { error: e.message },
    e.headers,
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** guide 2.1: HTTP Basic, or user/password params. */
function credentials(
  req: IncomingMessage,
  params: Params,
): { user: string; password: string } | null {
  const h = req.headers.authorization;
  if (h?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0) return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
  }
  const user = scalar(params, 'user');
  const password = scalar(params, 'password');
  if (user !== undefined && password !== undefined) return { user, password };
  return null;
}

/** guide 2.2: a browser gets HTML unless accept=application/json; anything else gets JSON (the default). */
function wantsHtml(req: IncomingMessage, params: Params): boolean {
  const accept = scalar(params, 'accept');
  if (accept !== undefined) return accept.toLowerCase().includes('text/html');
  return (req.headers.accept ?? '').toLowerCase().includes('text/html');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function buildServer(deps: ServerDeps): Server {
  const { centre, clock, faults, audit, requests } = deps;

  async function vm(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<{ reply: Reply; endpoint: string } | null> {
    const method = req.method ?? 'GET';
    const route = matchVm(url.pathname);
    const endpoint = route?.endpoint ?? 'unknown';
    let account = '';
    const finish = (reply: Reply, violation = false): { reply: Reply; endpoint: string } => {
      audit.record(account, endpoint, reply.status, violation);
      return { reply, endpoint };
    };
    let faulty = route !== null && faults.applies(endpoint);
    let f = faults.get();
    if (faulty && f.latencyMs > 0) await sleep(f.latencyMs);
    if (faulty && f.hang) {
      // Accept and never answer, until the fault is lifted or the client goes away.
      const w = faults.waitForRelease();
      res.on('close', w.cancel);
      await w.promise;
      if (res.destroyed) return null;
      faulty = route !== null && faults.applies(endpoint);
      f = faults.get();
    }
    let params: Params;
    const body = await readBody(req);
    try {
      params = collectParams(url.searchParams, body, req.headers['content-type'] ?? '');
    } catch (e) {
      params = Object.fromEntries(url.searchParams);
      if (!(e instanceof ParamError)) throw e;
      const cred = credentials(req, params);
      if (!cred || cred.user !== deps.user || cred.password !== deps.password)
        return finish(unauthorized());
      return finish(errorReply(new HttpError(400, e.message, e.field)));
    }
    const cred = credentials(req, params);
    account = cred?.user ?? '';
    if (
      (faulty && f.rejectCredentials) ||
      !cred ||
      cred.user !== deps.user ||
      cred.password !== deps.password
    ) {
      return finish(unauthorized());
    }
    if (!route) return finish(json(404, { error: `no endpoint at ${url.pathname}` }));
    if (!route.methods.includes(method)) {
      return finish(
        json(
          405,
          { error: `${method} not allowed on ${url.pathname}` },
          { allow: route.methods.join(', ') },
        ),
      );
    }
    if (route.endpoint === 'operators_init') {
      // guide 3.2: "not more than one request every 30 seconds" per account; a refusal is audited.
      const waitMs = audit.checkOperatorsInit(account);
      if (waitMs > 0) {
        const retry = Math.max(1, Math.ceil(waitMs / 1000));
        return finish(
          json(
            429,
            {
              error: `operators_init: at most one request every ${audit.rateLimitMs / 1000} s; retry in ${retry} s`,
            },
            { 'retry-after': String(retry) },
          ),
          true,
        );
      }
    }
    // Faults after the 30 s check: the call was sent, so it used the budget whatever comes back.
    if (faulty && faults.next('resetRate')) {
      return finish({ status: 0, headers: {}, body: '', reset: true });
    }
    if (faulty && faults.next('throttleRate')) {
      return finish(
        json(
          429,
          { error: 'simulated rate limit' },
          { 'retry-after': String(f.retryAfterSeconds) },
        ),
      );
    }
    if (faulty && faults.next('errorRate')) {
      return finish(json(f.errorStatus, { error: 'simulated upstream failure' }));
    }
    centre.advanceTo(clock.sim());
    let payload: Record<string, unknown>;
    try {
      payload = handleVm({ centre, timeZone: deps.timeZone }, route, params, method);
    } catch (e) {
      if (e instanceof ParamError)
        return finish(errorReply(new HttpError(400, e.message, e.field)));
      if (e instanceof HttpError) return finish(errorReply(e));
      throw e;
    }
    // docs/axialys-wire.md "Envelope": echoed params, one field the guide does not list, then the data.
    const envelope: Record<string, unknown> = {
      ...echo(params),
      api_version: API_VERSION,
      ...payload,
    };
    if (faulty && faults.next('emptyRate')) {
      // A 200 JSON without the list or record the guide promises (issue 10).
      return finish(json(200, f.emptyShape === 'null-data' ? { data: null } : {}));
    }
    if (faulty && faults.next('malformedRate')) {
      const text = JSON.stringify(envelope);
      return finish({
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))},"`,
      });
    }
    // htmlRate: the page a browser gets (guide 2.2), whatever the request asked for.
    if (wantsHtml(req, params) || (faulty && faults.next('htmlRate'))) {
      const html = renderHtml(`Axialys Voice Management — ${endpoint}`, envelope);
      return finish({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: html,
      });
    }
    return finish(json(200, envelope));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const method = req.method ?? 'GET';
    let reply: Reply;
    let endpoint = 'sim';
    try {
      if (url.pathname === '/sim' || url.pathname.startsWith('/sim/')) {
        const text = await readBody(req);
        let body: unknown;
        try {
          body = text.trim() ? JSON.parse(text) : undefined;
        } catch {
          throw new HttpError(400, 'the request body is not valid JSON');
        }
        const [status, value] = handleSim(
          { centre, clock, faults, audit, requests, timeZone: deps.timeZone },
          method,
          url,
          body,
        );
        reply = json(status, value);
      } else if (url.pathname === '/vm' || url.pathname.startsWith('/vm/')) {
        const r = await vm(req, res, url);
        if (!r) return;
        reply = r.reply;
        endpoint = r.endpoint;
      } else if (url.pathname === '/' && method === 'GET') {
        endpoint = 'index';
        reply = json(200, {
          name: 'Axialys Voice Management API simulator',
          api: [
            '/vm/operators/',
            '/vm/operators_init',
            '/vm/groups',
            '/vm/calls/status',
            '/vm/op_details/<id>',
            '/vm/stats/calls',
            '/vm/stats/groups',
            '/vm/stats/group_stats',
            '/vm/group_stats/<id>',
          ],
          control: ['/sim/state', '/sim/calls', '/sim/audit', '/sim/faults', '/sim/requests'],
        });
      } else {
        endpoint = 'unknown';
        reply = json(404, { error: `nothing at ${url.pathname}` });
      }
    } catch (e) {
      reply =
        e instanceof HttpError
          ? errorReply(e)
          : json(500, { error: `simulator bug: ${(e as Error).message}` });
    }
    requests.add({
      at: new Date(clock.real()).toISOString(),
      simAt: DateTime.fromMillis(centre.now(), { zone: deps.timeZone }).toISO() ?? '',
      method,
      path: safePath(url),
      endpoint,
      status: reply.status,
    });
    if (res.destroyed) return;
    if (reply.reset) {
      res.destroy();
      return;
    }
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-length': Buffer.byteLength(reply.body),
    });
    res.end(reply.body);
  }

  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(e) }));
      }
    });
  });
}

function unauthorized(): Reply {
  return json(
    401,
    { error: 'invalid credentials' },
    { 'www-authenticate': 'Basic realm="Axialys"' },
  );
}
