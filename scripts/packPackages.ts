// Builds and packs the publishable @assay packages, and installs them into a project outside the
// workspace, as a team installing them from the registry would get them. Used by
// packedPackages.test.ts (`pnpm test:packed`).
import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inheritedEnv } from "./env.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Manifest;
}

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  engines?: Record<string, string>;
  files?: string[];
  exports?: Record<string, string>;
  bin?: Record<string, string>;
  publishConfig?: {
    exports?: Record<string, { types: string; default: string }>;
    bin?: Record<string, string>;
  };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  pnpm?: { overrides?: Record<string, string> };
}

export interface Packed {
  name: string;
  tarball: string;
  bytes: number;
}

export interface CommandResult {
  code: number | null;
  output: string;
}

/** The workspace's library folders (apps and bench are never published). */
const LIBRARY_DIRS = ["contracts", ...readdirSync(path.join(ROOT, "packages")).map((d) => `packages/${d}`)];

/** Every library package of the workspace, publishable or not. */
export function libraryPackages(): WorkspacePackage[] {
  return LIBRARY_DIRS.filter((dir) => existsSync(path.join(ROOT, dir, "package.json"))).map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, "package.json"), "utf8")) as Manifest;
    return { name: manifest.name, dir: path.join(ROOT, dir), manifest };
  });
}

/** Runs a command; never throws, the caller judges the exit code and the output. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? inheritedEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 300_000,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** `turbo run build` for the given packages (cached when their sources did not change). */
export async function buildPackages(names: readonly string[]): Promise<CommandResult> {
  const filters = names.map((name) => `--filter=${name}`);
  return run(
    path.join(ROOT, "node_modules/.bin/turbo"),
    ["run", "build", ...filters, "--output-logs=errors-only", "--log-prefix=none"],
    { cwd: ROOT, env: { ...inheritedEnv(), npm_config_reporter: "silent" } },
  );
}

/** `pnpm pack` of each package into `dest`; pnpm applies publishConfig and resolves workspace:/catalog:. */
export async function packPackages(packages: readonly WorkspacePackage[], dest: string): Promise<Packed[]> {
  const packed: Packed[] = [];
  for (const pkg of packages) {
    const result = await run("pnpm", ["pack", "--pack-destination", dest], { cwd: pkg.dir });
    const tarball = path.join(
      dest,
      `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.manifest.version}.tgz`,
    );
    if (result.code !== 0 || !existsSync(tarball))
      throw new Error(`pnpm pack of ${pkg.name} failed (exit ${result.code}):\n${result.output}`);
    packed.push({ name: pkg.name, tarball, bytes: statSync(tarball).size });
  }
  return packed;
}

/** The catalog's version of a dependency (pnpm-workspace.yaml). */
export function catalogVersion(name: string): string {
  const text = readFileSync(path.join(ROOT, "pnpm-workspace.yaml"), "utf8");
  const line = text
    .split("\n")
    .find((l) => l.trim().startsWith(`"${name}":`) || l.trim().startsWith(`${name}:`));
  const version = line?.split(":").pop()?.trim();
  if (!version) throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return version;
}

/**
 * Copies examples/consumer into `dir` and points every @assay dependency (direct or of another
 * @assay package) at its tarball; `extra` are files to add beside it. Then `pnpm install` there,
 * outside the workspace, with the registry for everything else.
 */
export async function installConsumer(
  dir: string,
  packed: readonly Packed[],
  extra: Record<string, string>,
): Promise<CommandResult> {
  cpSync(path.join(ROOT, "examples/consumer"), dir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|reports|test-results)$/.test(source),
  });
  const manifestFile = path.join(dir, "package.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  const overrides: Record<string, string> = {};
  for (const { name, tarball } of packed) overrides[name] = `file:${tarball}`;
  // The toolchain at the versions the workspace tests with, so the install is repeatable.
  for (const name of ["@playwright/test", "typescript", "@types/node"])
    overrides[name] = catalogVersion(name);
  manifest.devDependencies = { ...manifest.devDependencies };
  for (const { name, tarball } of packed) manifest.devDependencies[name] = `file:${tarball}`;
  manifest.pnpm = { overrides };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(dir, file), text);
  return run(
    "pnpm",
    ["install", "--prefer-offline", "--no-frozen-lockfile", "--reporter=append-only", "--ignore-workspace"],
    { cwd: dir, env: consumerEnv() },
  );
}

/** The environment of a consumer's commands: the machine's, without this run's Assay or npm settings. */
export function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(inheritedEnv())) {
    if (/^(ASSAY_|npm_|TURBO_|INIT_CWD$|NODE_OPTIONS$|NODE_TEST_CONTEXT$|TEST_|PLAYWRIGHT_)/i.test(key))
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}
