/** Shapes shared by the simulator server and every operation's simulator. Plain data; no I/O here. */
import type { IncomingHttpHeaders } from 'node:http';

/** One request as an operation simulator sees it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/telephony/config/jobs/person/moveLocation`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text when it is not JSON, or `undefined` when empty. */
  readonly body: unknown;
  /** Epoch ms at which the request arrived. */
  readonly receivedAt: number;
  /** `http://host:port` as the client addressed the server, for absolute URLs in bodies. */
  readonly origin: string;
}

/** What a simulator answers. An object body is sent as JSON; a string is sent raw; `undefined` sends no body. */
export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** One endpoint of a provider, matched on method + pattern (`:name` segments become params). */
export interface SimRoute {
  readonly method: string;
  /** e.g. `/v1/telephony/config/jobs/person/moveLocation/:jobId`. */
  readonly pattern: string;
  /** Stable name used by faults and the request log, e.g. `webex.moveUsers.status`. */
  readonly endpoint: string;
  /**
   * Reached without `Authorization` (an OAuth token endpoint, whose credentials are in the request), and logged
   * without its query, which may carry them.
   */
  readonly public?: boolean;
  handle(req: SimRequest, params: Readonly<Record<string, string>>): SimResponse | Promise<SimResponse>;
  /**
   * What a request is about, for the request log (e.g. `job:<id>` when the job is named in the query rather than
   * the path); `undefined` or absent: the default of `dispatch.ts`.
   */
  subject?(req: SimRequest, params: Readonly<Record<string, string>>): string | undefined;
}

/** The simulated HTTP behaviour of one provider operation. */
export interface OperationSimulator {
  readonly name: string;
  readonly routes: readonly SimRoute[];
  /** Extra routes under `/__sim/…` (no auth, no faults, not logged), e.g. a config setter. */
  readonly controlRoutes?: readonly SimRoute[];
  /** The provider's generic error body, used for scripted status faults on this simulator's endpoints. */
  errorBody?(status: number, message: string): unknown;
  /** Forgets all state (jobs) and restores the initial configuration. */
  reset?(): void;
}

/** Minimal structured logger the simulator writes to (pino fits). */
export interface SimLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}
