/**
 * Dry run: Webex validates one user per request only (`validate: true` with several users → error 1026020), so a
 * batch is validated user by user. Nothing is changed at the provider.
 */
import type { ItemOutcome, ProviderMessage } from '../../domain/job';
import { parseBody } from '../../http/body';
import type { OperationContext } from '../types';
import { type MoveUsersBatchPayload, usersOf } from './plan';
import {
  MoveUsersValidateResponseSchema,
  type MoveUser,
  type MoveUsersMessage,
  type MoveUsersValidationResult,
} from './schemas';
import { ensureMoveUsersSuccess, MOVE_USERS_PATH, moveUsersRejection, orgQuery } from './wire';

/** Validates every user of the batch, in order. Thrown: the typed ProviderErrors of any non-validation answer. */
export async function validateBatch(ctx: OperationContext, payload: MoveUsersBatchPayload): Promise<ItemOutcome[]> {
  const items: ItemOutcome[] = [];
  for (const { locationId, ...user } of usersOf(payload)) {
    items.push(await validateUser(ctx, payload.orgId, locationId, user));
  }
  const failed = items.filter((i) => i.outcome === 'failed').length;
  ctx.log.info({ users: items.length, failed }, 'webex move users batch validated');
  return items;
}

async function validateUser(
  ctx: OperationContext,
  orgId: string | undefined,
  locationId: string,
  user: MoveUser,
): Promise<ItemOutcome> {
  const res = await ctx.http.send({
    method: 'POST',
    path: MOVE_USERS_PATH,
    query: orgQuery(orgId),
    json: { usersList: [{ locationId, validate: true, users: [user] }] },
  });
  // A 400 about this one user (not E.164, not a calling user…) is the validation verdict, not an error of ours.
  const rejection = moveUsersRejection(res);
  if (rejection) return failedItem(user.userId, rejection.error, []);
  const body = parseBody('webex', MoveUsersValidateResponseSchema, ensureMoveUsersSuccess(res));
  const results = Array.isArray(body.response) ? body.response : body.response.usersList;
  const result = results.find((r) => r.userId === user.userId) ?? results[0];
  return result ? outcomeOfValidation(user.userId, result) : { ref: user.userId, outcome: 'succeeded' };
}

/** A validation result as an item: errors → failed (first code, all messages), none → succeeded; impacts kept. */
export function outcomeOfValidation(ref: string, result: MoveUsersValidationResult): ItemOutcome {
  const impacts = result.impacts.map(toProviderMessage);
  if (result.errors.length > 0) return failedItem(ref, result.errors, impacts);
  return impacts.length > 0 ? { ref, outcome: 'succeeded', impacts } : { ref, outcome: 'succeeded' };
}

function failedItem(ref: string, errors: readonly MoveUsersMessage[], impacts: ProviderMessage[]): ItemOutcome {
  const code = errors[0] === undefined ? 'unknown' : String(errors[0].code);
  const message = errors.map((e) => e.message.trim()).join('; ');
  return impacts.length > 0
    ? { ref, outcome: 'failed', code, message, impacts }
    : { ref, outcome: 'failed', code, message };
}

function toProviderMessage(m: MoveUsersMessage): ProviderMessage {
  return { code: String(m.code), message: m.message.trim() };
}
