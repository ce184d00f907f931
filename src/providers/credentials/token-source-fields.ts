/** Which fields of a connection say where its token comes from, and the rule that it comes from one place. */

/** The fields that together let bulkflow refresh a connection's access token over OAuth. */
export const OAUTH_FIELDS = ['oauthTokenUrl', 'oauthClientId', 'oauthClientSecret', 'oauthRefreshToken'] as const;

/** A field of a connection at fault, and why. */
export interface TokenSourceProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * What is wrong with the token sources of `connection`: the OAuth fields come all four together, and `tokenCommand`
 * and the OAuth fields exclude every other way to a token (`token` over `tokenFile` stays allowed, `token` winning).
 */
export function tokenSourceProblems(connection: Readonly<Record<string, unknown>>): TokenSourceProblem[] {
  const problems: TokenSourceProblem[] = [];
  const oauth = OAUTH_FIELDS.filter((field) => connection[field] !== undefined);
  const missing = OAUTH_FIELDS.find((field) => connection[field] === undefined);
  if (oauth.length > 0 && missing !== undefined)
    problems.push({ field: missing, message: `required with ${oauth.join(', ')}` });
  const sources = [
    ...(['token', 'tokenFile', 'tokenCommand'] as const).filter((field) => connection[field] !== undefined),
    ...(oauth.length > 0 ? ['oauth*'] : []),
  ];
  const exclusive = sources.find((field) => field === 'tokenCommand' || field === 'oauth*');
  if (exclusive !== undefined && sources.length > 1) {
    const others = sources.filter((source) => source !== exclusive).join(', ');
    problems.push({
      field: exclusive === 'oauth*' ? 'oauthTokenUrl' : exclusive,
      message: `cannot be set with ${others}`,
    });
  }
  return problems;
}
