/**
 * The simulator core: the HTTP server, scripted faults, fault storms and the request log. It knows no operation:
 * each operation's simulator builds on it, and `src/simulator-registry.ts`, above both, gathers them.
 */
export { startSimulator, type SimulatorOptions, type SimulatorServer } from './server';
export { SimCredentials, type SimAuth, type SimOAuthClient } from './credentials';
export { WEBEX_TOKEN_ENDPOINT, ZOHO_TOKEN_ENDPOINT } from './oauth-token-endpoints';
export {
  AddFaultRequestSchema,
  SimFaults,
  SimFaultSchema,
  retryAfterValue,
  type AddFaultRequest,
  type FaultSource,
  type RetryAfterIn,
  type SimFault,
  type TakenFault,
} from './faults';
export {
  FaultStorm,
  StormPlanSchema,
  seededRandom,
  type EndpointStorm,
  type StormFault,
  type StormKind,
  type StormPlan,
} from './fault-storm';
export { OrgRateLimiter, OrgRateLimitSchema, type OrgRateLimit, type OrgRateLimitCounts } from './org-rate-limit';
export { RequestLog, type RequestLogEntry, type RequestLogFilter } from './request-log';
export { CONTROL_PREFIX } from './control-api';
export {
  createOperationSimulator,
  routeBuilder,
  simControlPath,
  type ConfigurableSimulator,
  type OperationSimulatorSpec,
  type RouteBuilder,
  type SimStoreBase,
} from './operation-simulator';
export { newTrackingId, webexErrorBody, type WebexErrorBody } from './webex-error';
export type { OperationSimulator, SimLogger, SimRequest, SimResponse, SimRoute } from './types';
