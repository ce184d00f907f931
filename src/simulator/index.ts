/** Provider simulators: the HTTP server, scripted faults, the request log, and the registry of simulators. */
export { startSimulator, type SimulatorOptions, type SimulatorServer } from './server';
export type { SimAuth } from './dispatch';
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
export { RequestLog, type RequestLogEntry, type RequestLogFilter } from './request-log';
export { CONTROL_PREFIX } from './control-api';
export {
  createAllSimulators,
  createSimulator,
  simulatorFactories,
  type AllSimulatorsOptions,
  type SimConfigOf,
  type SimulatorOf,
} from './registry';
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
