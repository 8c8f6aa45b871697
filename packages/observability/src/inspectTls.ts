import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import tls from "node:tls";

/** What a TLS handshake with the target showed. */
export type TlsReport = {
  host: string;
  /** The negotiated protocol (`TLSv1.3`), null when no handshake succeeded. */
  protocol: string | null;
  /** Why the certificate was not trusted (node's code, e.g. `CERT_HAS_EXPIRED`), null when it was. */
  authorizationError: string | null;
  /** Whether the certificate names the host (checkServerIdentity). */
  hostMatches: boolean;
  validTo: string | null;
  /** Days until the certificate expires (negative: expired). */
  daysLeft: number | null;
  /** Whether a client limited to TLS 1.1 or older got a session. */
  oldProtocolAccepted: boolean;
};

function handshake(options: tls.ConnectionOptions): Promise<tls.TLSSocket | Error> {
  return new Promise((resolve) => {
    const socket = tls.connect(options);
    socket.setTimeout(10_000, () => socket.destroy(new Error("TLS handshake timed out")));
    socket.once("secureConnect", () => resolve(socket));
    socket.once("error", (error) => resolve(error));
  });
}

/**
 * Shakes hands with an `https:` origin and reports protocol, trust, host match and expiry. `ca`
 * adds a trusted certificate (a local self-signed one); without it the system's CAs decide.
 * `trustPresented` trusts the certificate the server presents (local runs, where the service
 * makes its own at start): dates, host and signature are still checked against it.
 * @example const report = await inspectTls("https://staging.example.com");
 */
export async function inspectTls(
  origin: string,
  options: { ca?: string; trustPresented?: boolean } = {},
): Promise<TlsReport> {
  const url = new URL(origin);
  const host = url.hostname;
  const port = Number(url.port || 443);
  const servername = isIP(host) ? undefined : host;
  let ca = options.ca;
  if (options.trustPresented && ca === undefined) {
    const first = await handshake({ host, port, servername, rejectUnauthorized: false });
    if (first instanceof Error)
      throw new Error(`[assay/observability] no TLS handshake with ${origin}: ${first.message}`);
    ca = first.getPeerX509Certificate()?.toString();
    first.destroy();
  }
  const socket = await handshake({
    host,
    port,
    servername,
    rejectUnauthorized: false,
    ...(ca ? { ca } : {}),
  });
  if (socket instanceof Error)
    throw new Error(`[assay/observability] no TLS handshake with ${origin}: ${socket.message}`);
  const cert = socket.getPeerX509Certificate();
  const authorizationError = socket.authorized ? null : String(socket.authorizationError ?? "unknown");
  const protocol = socket.getProtocol();
  socket.destroy();
  const validTo = cert?.validTo ?? null;
  const daysLeft = validTo === null ? null : Math.floor((Date.parse(validTo) - Date.now()) / 86_400_000);
  const old = await handshake({
    host,
    port,
    servername,
    rejectUnauthorized: false,
    maxVersion: "TLSv1.1",
    minVersion: "TLSv1",
  });
  const oldProtocolAccepted = !(old instanceof Error);
  if (!(old instanceof Error)) old.destroy();
  return {
    host,
    protocol,
    authorizationError,
    hostMatches:
      cert instanceof X509Certificate &&
      (cert.checkHost(host) !== undefined || cert.checkIP(host) !== undefined),
    validTo,
    daysLeft,
    oldProtocolAccepted,
  };
}

/**
 * Judges a {@link TlsReport}: trusted chain, certificate for the host, not expiring within
 * `minDays` (default 14), TLS 1.2 or newer and nothing older. One line per problem.
 * @example expect(checkTls(await inspectTls(url), { minDays: 14 })).toEqual([]);
 */
export function checkTls(report: TlsReport, options: { minDays?: number } = {}): string[] {
  const minDays = options.minDays ?? 14;
  const problems: string[] = [];
  if (report.authorizationError !== null)
    problems.push(`the certificate chain is not trusted for ${report.host}: ${report.authorizationError}`);
  if (!report.hostMatches) problems.push(`the certificate does not name ${report.host}`);
  if (report.daysLeft === null || report.daysLeft < minDays)
    problems.push(
      report.daysLeft !== null && report.daysLeft < 0
        ? `the certificate expired ${-report.daysLeft} day(s) ago (${report.validTo})`
        : `the certificate expires in ${report.daysLeft} day(s) (${report.validTo}), within the ${minDays}-day budget`,
    );
  if (report.protocol !== "TLSv1.2" && report.protocol !== "TLSv1.3")
    problems.push(`the session uses ${report.protocol}, older than TLS 1.2`);
  if (report.oldProtocolAccepted) problems.push("a client limited to TLS 1.1 or older got a session");
  return problems;
}
