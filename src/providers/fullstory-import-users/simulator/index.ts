/**
 * FullStory batch user import as a simulator of the provider's HTTP API, for tests, the demo and the dev stack. Only
 * this folder imports the simulator core (src/simulator); the operation never imports its simulator, so the worker
 * never loads it.
 */
export {
  createFullStoryImportUsersSimulator,
  type FullStoryImportUsersSimulator,
  type SimImportJobSummary,
} from './simulator';
export { FullStoryImportUsersSimConfigSchema, type FullStoryImportUsersSimConfig } from './config';
export { fullstoryImportUsersSimulation } from './samples';
