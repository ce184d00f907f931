/**
 * Oracle Primavera Administration user sync as a simulator of the provider's HTTP API, for tests, the demo and the dev
 * stack. Only this folder imports the simulator core (src/simulator); the operation never imports its simulator, so
 * the worker never loads it.
 */
export { createOracleSyncUsersSimulator, type OracleSyncUsersSimulator, type SimUserJobSummary } from './simulator';
export { OracleSyncUsersSimConfigSchema, type OracleSyncUsersSimConfig } from './config';
export { oracleSyncUsersSimulation } from './samples';
