import { readFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Config } from "../env.ts";
import { hasAnyFault } from "../faults.ts";
import type { Logger } from "../log.ts";
import { type KeyPair, selfSignedCertificate } from "./selfSignedCertificate.ts";

type Listener = Parameters<typeof https.createServer>[1];

/**
 * Starts the optional HTTPS listener on `ASSAY_TLS_PORT` with the same request and upgrade
 * handlers as plain HTTP: the certificate of `ASSAY_TLS_CERT`/`ASSAY_TLS_KEY`, else a self-signed
 * one made at start for `localhost`/`127.0.0.1` (30 days). TLS 1.2 at least. While any user has
 * the `expired_certificate` fault, new handshakes get a certificate that expired a month ago.
 * @example const secure = await startHttpsListener(config, log, handler, onUpgrade);
 */
export async function startHttpsListener(
  config: Config & { tlsPort: number },
  log: Logger,
  handler: Listener,
  onUpgrade: (...args: Parameters<Parameters<https.Server["on"]>[1]>) => void,
  maxHeaderSize: number,
): Promise<{ server: https.Server; port: number }> {
  const valid: KeyPair =
    config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
      ? { cert: await readFile(config.tlsCertFile, "utf8"), key: await readFile(config.tlsKeyFile, "utf8") }
      : await selfSignedCertificate(30);
  const expired = await selfSignedCertificate(-30);
  const server = https.createServer({ ...valid, minVersion: "TLSv1.2", maxHeaderSize }, handler);
  let serving: "valid" | "expired" = "valid";
  // Runs before the TLS socket is made for the connection, so its handshake uses the choice.
  server.prependListener("connection", () => {
    const wanted = hasAnyFault("expired_certificate") ? "expired" : "valid";
    if (wanted === serving) return;
    serving = wanted;
    server.setSecureContext(wanted === "valid" ? valid : expired);
  });
  server.on("upgrade", onUpgrade);
  server.on("tlsClientError", (error) =>
    log.debug("client_error", {
      error_type: "client_error",
      error: error.name,
      error_message: error.message,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.tlsPort, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info("tls_listening", { port, host: config.host, redirect: config.httpsRedirect });
  return { server, port };
}
