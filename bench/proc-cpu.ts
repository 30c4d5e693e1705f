import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// CPU time of processes, from /proc (Linux): user + system time, in milliseconds.

const ticksPerSecond = (() => {
  const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(out.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

type Proc = { pid: number; pgrp: number; comm: string; cpuMs: number };

function readProc(pid: number): Proc | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // Gone since the directory was listed.
  }
  // "pid (comm) state ppid pgrp … utime stime …": comm may hold spaces and parentheses.
  const close = stat.lastIndexOf(")");
  const comm = stat.slice(stat.indexOf("(") + 1, close);
  const fields = stat.slice(close + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return {
    pid,
    pgrp: Number(fields[2]),
    comm,
    cpuMs: ((utime + stime) * 1000) / ticksPerSecond,
  };
}

function processes(): Proc[] {
  const all: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const p = readProc(Number(entry));
    if (p) all.push(p);
  }
  return all;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** CPU per process of interest at one moment, by pid. */
export type CpuSnapshot = {
  server: Map<number, number>;
  pgOwn: Map<number, number>;
  pgShared: Map<number, number>;
};

/**
 * The benchmarked server's process group (`next start` and the server process it spawns), and
 * PostgreSQL's processes: the backends of `database` (connections and its autovacuum), and the
 * shared ones (WAL writer, checkpointer, background writer). Backends of other databases are
 * other people's work and are left out.
 */
export function cpuSnapshot(serverGroup: number, database: string): CpuSnapshot {
  const snap: CpuSnapshot = { server: new Map(), pgOwn: new Map(), pgShared: new Map() };
  const own = new RegExp(`\\s${database}(\\s|$)`);
  for (const p of processes()) {
    if (p.pgrp === serverGroup) {
      snap.server.set(p.pid, p.cpuMs);
      continue;
    }
    if (p.comm !== "postgres") continue;
    const cmd = commandLine(p.pid);
    if (own.test(cmd)) snap.pgOwn.set(p.pid, p.cpuMs);
    else if (/: (walwriter|checkpointer|background writer|autovacuum launcher)/.test(cmd))
      snap.pgShared.set(p.pid, p.cpuMs);
  }
  return snap;
}

const spent = (before: Map<number, number>, after: Map<number, number>) => {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
};

/** CPU milliseconds spent between two snapshots (processes that ended in between are lost). */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot) {
  return {
    serverMs: spent(before.server, after.server),
    pgOwnMs: spent(before.pgOwn, after.pgOwn),
    pgSharedMs: spent(before.pgShared, after.pgShared),
    /** Processes seen at the start and gone at the end: their last CPU time is not counted. */
    ended: [...before.server.keys(), ...before.pgOwn.keys()].filter(
      (pid) => !after.server.has(pid) && !after.pgOwn.has(pid),
    ).length,
  };
}
