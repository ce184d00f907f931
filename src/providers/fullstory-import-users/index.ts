/**
 * FullStory batch user import: the operation the worker runs, and its input type. The simulator lives in
 * `simulator/` and is never exported from here.
 */
export { fullstoryImportUsers } from './operation';
export type { FullStoryImportUsersInput } from './input';
