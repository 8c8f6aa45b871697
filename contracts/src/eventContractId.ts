/**
 * Maps a WebSocket frame `type` to the id of its contract: `agent_started` →
 * `ws/agent-started.v1`. Pure string mapping; ask the registry's `has()` whether it exists.
 *
 * @example
 * contracts.validate(eventContractId(frame.type), frame);
 */
export function eventContractId(type: string): string {
  if (typeof type !== "string" || type === "") {
    throw new TypeError(
      `[assay/contracts] eventContractId needs a frame type such as "agent_started"; got ${typeof type === "string" ? "an empty string" : typeof type}.`,
    );
  }
  return `ws/${type.replaceAll("_", "-")}.v1`;
}
