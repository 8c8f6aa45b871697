import { callMcp } from "./callMcp.ts";
import type { MatrixContext } from "./matrix/MatrixContext.ts";
import { goodCode, token } from "./matrix/matrixSteps.ts";
import { OauthFlowError } from "./OauthFlowError.ts";
import type { OauthClient } from "./registerClient.ts";

/**
 * The restart check: a code issued before the service restarts must redeem after it (codes live
 * in the database, not in a process), exactly once. `restart` restarts the service between the
 * authorization and the token request. Throws naming what broke; resolves the MCP server's name.
 *
 * @example
 * await checkRestartRedeem(ctx, client, () => instance.restart());
 */
export async function checkRestartRedeem(
  ctx: MatrixContext,
  client: OauthClient,
  restart: () => Promise<void>,
): Promise<{ serverName: string | undefined }> {
  const got = await goodCode(ctx, client);
  await restart();
  const grant = {
    grant_type: "authorization_code",
    code: got.code,
    code_verifier: got.pkce.verifier,
    redirect_uri: client.redirectUri,
    resource: ctx.discovery.resource.resource,
  };
  const first = await token(ctx, client, grant);
  if (!first.ok) {
    throw new OauthFlowError(
      "token",
      `the code issued before the restart did not redeem after it: ${first.status} ${first.error} (codes kept in memory are lost on restart)`,
      { status: first.status, error: first.error },
    );
  }
  // Before the second redemption: a reused code rightly revokes what the first one gave.
  const mcp = await callMcp(ctx.mcpUrl, first.tokens.access_token, { log: ctx.log });
  const second = await token(ctx, client, grant);
  if (second.ok || second.error !== "invalid_grant") {
    throw new OauthFlowError(
      "token",
      `the code redeemed again after the restart: ${second.status}${second.ok ? " with tokens" : ` ${second.error}`}`,
    );
  }
  return { serverName: mcp.serverName };
}
