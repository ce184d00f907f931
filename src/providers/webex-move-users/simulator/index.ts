/**
 * Webex Calling Move Users as a simulator of the provider's HTTP API, for tests, the demo and the dev stack. Only this
 * folder imports the simulator core (src/simulator); the operation never imports its simulator, so the worker never
 * loads it.
 */
export { createWebexMoveUsersSimulator, type SimMoveJobSummary, type WebexMoveUsersSimulator } from './simulator';
export { WebexMoveUsersSimConfigSchema, type WebexMoveUsersSimConfig } from './config';
export { webexMoveUsersSimulation } from './samples';
